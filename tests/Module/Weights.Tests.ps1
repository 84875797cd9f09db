BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    function Get-WeightsJson($network) { @($network.Weights, $network.Biases) | ConvertTo-Json -Depth 6 -Compress }

    # One 'yes' in ten, overlapping the 'no' rows on a: unweighted training leans to 'no'. A weight column w (1, 2, 3 in turn).
    $random = [System.Random]::new(8)
    $imbalanced = foreach ($i in 1..400) {
        $yes = $i % 10 -eq 0
        [pscustomobject]@{ a = [math]::Round([int]$yes + $random.NextDouble() * 2, 4); b = [math]::Round($random.NextDouble(), 4); w = 1 + $i % 3; y = if ($yes) { 'yes' } else { 'no' } }
    }
    $csv = Join-Path $TestDrive 'imbalanced.csv'
    $imbalanced | Export-Csv $csv -NoTypeInformation

    function Get-Recall($network, $rows, $class = 'yes') {
        (($rows | Test-NeuralNetwork -Network $network).PerClass | Where-Object Class -EQ $class).Recall
    }

    # Two hidden layers for dropout; a class that two numbers decide.
    $random = [System.Random]::new(6)
    $twoNumbers = foreach ($i in 1..120) {
        $p = [math]::Round($random.NextDouble(), 4); $q = [math]::Round($random.NextDouble(), 4)
        [pscustomobject]@{ p = $p; q = $q; y = if ($p + $q -gt 1) { 'high' } else { 'low' } }
    }
    function Invoke-DropoutTraining([double[]] $Dropout, [int] $Seed = 3) {
        $net = New-NeuralNetwork -HiddenLayers 8, 8 -Seed $Seed
        if ($Dropout) { $twoNumbers | Invoke-NetworkTraining -Network $net -Target y -Epochs 8 -BatchSize 16 -Dropout $Dropout }
        else { $twoNumbers | Invoke-NetworkTraining -Network $net -Target y -Epochs 8 -BatchSize 16 }
    }
}

Describe 'Invoke-NetworkTraining -ClassWeight' {
    It 'Balanced raises the minority class''s recall over unweighted training, from the pipeline and from -Path' {
        $train = { param($extra) $imbalanced | Select-Object a, b, y | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 8 -Seed 1) -Target y -Epochs 60 -LearningRate 0.01 @extra }
        $plain = & $train @{}
        $balanced = & $train @{ ClassWeight = 'Balanced' }
        $plainRecall = Get-Recall $plain $imbalanced
        $balancedRecall = Get-Recall $balanced $imbalanced
        $balancedRecall | Should -BeGreaterThan ($plainRecall + 0.1) -Because "recall of 'yes' was $plainRecall unweighted and $balancedRecall balanced"
        $balanced.ClassWeight | Should -Be 'Balanced'

        $fromFile = New-NeuralNetwork -HiddenLayers 8 -Seed 1 | Invoke-NetworkTraining -Path $csv -Feature a, b -Target y -Epochs 60 -LearningRate 0.01 -ClassWeight Balanced
        Get-WeightsJson $fromFile | Should -Be (Get-WeightsJson $balanced) -Because 'a CSV file and the same rows piped in train the same network'
    }

    It 'takes a hashtable of class = weight, and weights that are all alike change nothing' {
        $train = { param($extra) $imbalanced | Select-Object a, b, y | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 4 -Seed 2) -Target y -Epochs 5 @extra }
        $plain = & $train @{}
        Get-WeightsJson (& $train @{ ClassWeight = @{ yes = 3; no = 3 } }) | Should -Be (Get-WeightsJson $plain)
        $heavy = & $train @{ ClassWeight = @{ yes = 9 } }
        Get-WeightsJson $heavy | Should -Not -Be (Get-WeightsJson $plain)
        $heavy.ClassWeight | Should -Be '@{ yes = 9 }'
    }

    It 'is saved with the network, kept by a later training, and turned off by None' {
        $net = $imbalanced | Select-Object a, b, y | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 4 -Seed 2) -Target y -Epochs 2 -ClassWeight @{ yes = 4 }
        $path = Join-Path $TestDrive 'weighted.json'
        $net | Export-NeuralNetwork -Path $path
        $loaded = Import-NeuralNetwork $path
        $loaded.ClassWeight | Should -Be '@{ yes = 4 }'
        ($loaded.ModelJson | ConvertFrom-Json).training.classWeight.yes | Should -Be 4
        ($imbalanced | Select-Object a, b, y | Invoke-NetworkTraining -Network $loaded -Target y -Epochs 1).ClassWeight | Should -Be '@{ yes = 4 }'
        ($imbalanced | Select-Object a, b, y | Invoke-NetworkTraining -Network $loaded -Target y -Epochs 1 -ClassWeight None).ClassWeight | Should -BeNullOrEmpty
    }

    It 'refuses <Case> with <Id>' -TestCases @(
        @{ Case = 'an unknown class'; Weight = @{ maybe = 2 }; Id = 'ClassWeightUnknownClass'; Words = 'no, yes' }
        @{ Case = 'a negative weight'; Weight = @{ yes = -1 }; Id = 'ParameterArgumentValidationError'; Words = '0 or more' }
        @{ Case = 'a word it does not know'; Weight = 'Heavy'; Id = 'ParameterArgumentValidationError'; Words = 'Balanced, None' }
        @{ Case = 'a weight that is not a number'; Weight = @{ yes = 'lots' }; Id = 'ParameterArgumentValidationError'; Words = 'numbers' }
    ) {
        param($Weight, $Id, $Words)
        $err = { $imbalanced | Select-Object a, b, y | Invoke-NetworkTraining -Network (New-NeuralNetwork -Seed 1) -Target y -Epochs 1 -ClassWeight $Weight } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err.Exception.Message | Should -BeLike "*$Words*"
    }

    It 'refuses class weights for a regression' {
        $err = { $imbalanced | Invoke-NetworkTraining -Network (New-NeuralNetwork -Seed 1) -Target a -Epochs 1 -ClassWeight Balanced } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ClassWeightNeedsClasses,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Invoke-NetworkTraining -SampleWeight' {
    It 'reads each row''s weight from a column that is then not a feature, and keeps it for later trainings' {
        $net = $imbalanced | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 4 -Seed 2) -Target y -SampleWeight w -Epochs 2
        $net.Feature | Should -Be @('a', 'b')
        $net.SampleWeight | Should -Be 'w'
        $unweighted = $imbalanced | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 4 -Seed 2) -Target y -Feature a, b -Epochs 2
        Get-WeightsJson $net | Should -Not -Be (Get-WeightsJson $unweighted)
        ($imbalanced | Invoke-NetworkTraining -Network $net -Target y -Epochs 1).SampleWeight | Should -Be 'w'
        ($imbalanced | Invoke-NetworkTraining -Network $net -Target y -Epochs 1 -SampleWeight '').SampleWeight | Should -BeNullOrEmpty
    }

    It 'counts a row of weight 2 as that row twice' {
        $rows = $imbalanced | Select-Object -First 60
        $twice = $rows | ForEach-Object { $_; if ($_.w -eq 2) { $_ } } | Select-Object a, b, y
        $weighted = $rows | Select-Object a, b, y, @{ n = 'w'; e = { if ($_.w -eq 2) { 2 } else { 1 } } }
        $options = @{ Target = 'y'; Epochs = 10; Optimizer = 'GradientDescent'; LearningRate = 0.5; BatchSize = 1000; Scaling = 'None' }
        $a = $twice | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3 -Seed 4) @options
        $b = $weighted | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3 -Seed 4) -SampleWeight w @options
        for ($l = 0; $l -lt $a.Weights.Count; $l++) {
            for ($i = 0; $i -lt $a.Weights[$l].Count; $i++) {
                for ($j = 0; $j -lt $a.Weights[$l][$i].Count; $j++) {
                    $a.Weights[$l][$i][$j] | Should -BeGreaterThan ($b.Weights[$l][$i][$j] - 1e-9)
                    $a.Weights[$l][$i][$j] | Should -BeLessThan ($b.Weights[$l][$i][$j] + 1e-9)
                }
            }
        }
    }

    It 'weighs the validation loss that early stopping watches' {
        $validation = $imbalanced | Select-Object -Last 100
        $heavyYes = $validation | Select-Object a, b, y, @{ n = 'w'; e = { if ($_.y -eq 'yes') { 20 } else { 1 } } }
        $same = $validation | Select-Object a, b, y, @{ n = 'w'; e = { 3 } }
        $train = $imbalanced | Select-Object -First 300 | Select-Object a, b, y, @{ n = 'w'; e = { 1 } }
        $run = { param($v) ($train | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 4 -Seed 2) -Target y -SampleWeight w -Epochs 3 -ValidationData $v).TrainingHistory[-1].ValidationLoss }
        $plain = & $run ($validation | Select-Object a, b, y, @{ n = 'w'; e = { 1 } })
        & $run $same | Should -Be $plain -Because 'weights that are all alike are no weights'
        & $run $heavyYes | Should -Not -Be $plain
    }

    It 'names the row and the column of a bad weight: <Value>' -TestCases @(
        @{ Value = '-1' }, @{ Value = 'heavy' }, @{ Value = 'NaN' }, @{ Value = '' }
    ) {
        param($Value)
        $rows = $imbalanced | Select-Object -First 20 | ForEach-Object { $_.PSObject.Copy() }
        $rows[6].w = $Value
        $err = { $rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -Seed 1) -Target y -SampleWeight w -Epochs 1 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidSampleWeight,*'
        $err.Exception.Message | Should -BeLike "Row 7, property 'w'*"
        $err.TargetObject | Should -Be $rows[6]
    }

    It 'refuses a weight column the rows do not have, or one that is a feature' {
        $err = { $imbalanced | Invoke-NetworkTraining -Network (New-NeuralNetwork -Seed 1) -Target y -SampleWeight weight -Epochs 1 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'SampleWeightNotFound,*'
        $err.Exception.Message | Should -BeLike '*a, b, w, y*'
        $err = { $imbalanced | Invoke-NetworkTraining -Network (New-NeuralNetwork -Seed 1) -Target y -Feature a, w -SampleWeight w -Epochs 1 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'SampleWeightIsFeature,*'
        $err = { Invoke-NetworkTraining -Network (New-NeuralNetwork -Seed 1) -FeatureMatrix @(, [double[]]@(1, 2)) -TargetMatrix @(, [double[]]@(1)) -SampleWeight w } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AmbiguousParameterSet,*' -Because 'matrices have no columns to weigh by'
    }

    It 'is the acceptance example: weights, dropout, a checkpoint, validation and patience in one training' {
        Push-Location $TestDrive
        try {
            $rows = $imbalanced
            $net = New-NeuralNetwork -HiddenLayers 8, 8 -Seed 5
            $rows | Invoke-NetworkTraining -Network $net -Target y -SampleWeight w -Dropout 0.2,0.2 -CheckpointPath ./run.json -ValidationSplit 0.2 -Patience 20 | Out-Null
            $saved = Import-NeuralNetwork ./run.json
            $saved.SampleWeight | Should -Be 'w'
            $saved.Dropout | Should -Be @(0.2, 0.2)
            $saved.EpochsTrained | Should -Be $net.EpochsTrained
        }
        finally { Pop-Location }
    }
}

Describe 'Test-NeuralNetwork -SampleWeight' {
    It 'counts each row by its weight in every score' {
        $net = $imbalanced | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 4 -Seed 2) -Target y -Feature a, b -Epochs 3
        $report = $imbalanced | Test-NeuralNetwork -Network $net -SampleWeight w
        $predicted = $imbalanced | Get-NetworkPrediction -Network $net
        $correct = 0; $total = 0
        for ($i = 0; $i -lt $imbalanced.Count; $i++) {
            if ($predicted[$i].Prediction -eq $imbalanced[$i].y) { $correct += $imbalanced[$i].w }
            $total += $imbalanced[$i].w
        }
        $report.SampleWeight | Should -Be 'w'
        [math]::Abs($report.Accuracy - $correct / $total) | Should -BeLessThan 1e-12
        $report.Rows | Should -Be 400
        ($report.PerClass.Support | Measure-Object -Sum).Sum | Should -Be 400 -Because 'Support still counts rows'
        (Test-NeuralNetwork -Network $net -Path $csv -SampleWeight w).Accuracy | Should -Be $report.Accuracy
    }
}

Describe 'Invoke-NetworkTraining -Dropout' {
    It 'gives the same network for the same seed, another for another seed, and none of it at rate 0' {
        $plain = Invoke-DropoutTraining
        $dropped = Invoke-DropoutTraining -Dropout 0.2, 0.5
        Get-WeightsJson (Invoke-DropoutTraining -Dropout 0.2, 0.5) | Should -Be (Get-WeightsJson $dropped)
        Get-WeightsJson (Invoke-DropoutTraining -Dropout 0.2, 0.5 -Seed 4) | Should -Not -Be (Get-WeightsJson $dropped)
        Get-WeightsJson $dropped | Should -Not -Be (Get-WeightsJson $plain)
        Get-WeightsJson (Invoke-DropoutTraining -Dropout 0) | Should -Be (Get-WeightsJson $plain) -Because '-Dropout 0 is no dropout, to the bit'
        Get-WeightsJson (Invoke-DropoutTraining -Dropout 0.3) | Should -Be (Get-WeightsJson (Invoke-DropoutTraining -Dropout 0.3, 0.3)) -Because 'one rate is every hidden layer''s'
    }

    It 'drops nothing when predicting, testing or checking gradients' {
        $net = Invoke-DropoutTraining -Dropout 0.5, 0.5
        $first = $twoNumbers | Get-NetworkPrediction -Network $net
        $second = $twoNumbers | Get-NetworkPrediction -Network $net
        ($first.Probability | ConvertTo-Json -Compress) | Should -Be ($second.Probability | ConvertTo-Json -Compress)
        ($twoNumbers | Test-NeuralNetwork -Network $net).Accuracy | Should -Be ($twoNumbers | Test-NeuralNetwork -Network $net).Accuracy
        ($twoNumbers | Select-Object -First 10 | Test-NetworkGradient -Network $net).Passed | Should -BeTrue
    }

    It 'is saved in the model file and kept by the next training' {
        $net = Invoke-DropoutTraining -Dropout 0.25, 0.1
        $path = Join-Path $TestDrive 'dropout.json'
        $net | Export-NeuralNetwork -Path $path
        (Get-Content $path -Raw | ConvertFrom-Json).training.dropout | Should -Be @(0.25, 0.1)
        $loaded = Import-NeuralNetwork $path
        $loaded.Dropout | Should -Be @(0.25, 0.1)
        ($twoNumbers | Invoke-NetworkTraining -Network $loaded -Target y -Epochs 1).Dropout | Should -Be @(0.25, 0.1)
        ($twoNumbers | Invoke-NetworkTraining -Network $loaded -Target y -Epochs 1 -Dropout 0).Dropout | Should -BeNullOrEmpty
    }

    It 'refuses <Case>' -TestCases @(
        @{ Case = 'a rate of 1'; Parameters = @{ Dropout = 1 }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'three rates for two hidden layers'; Parameters = @{ Dropout = 0.1, 0.2, 0.3 }; Id = 'DropoutLayerCount' }
        @{ Case = 'L-BFGS, whose line search needs one loss'; Parameters = @{ Dropout = 0.2; Optimizer = 'LBFGS' }; Id = 'DropoutNeedsMiniBatch' }
    ) {
        param($Parameters, $Id)
        $err = { $twoNumbers | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 8, 8 -Seed 1) -Target y -Epochs 1 @Parameters } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }

    It 'is documented in Get-Help with the weights' {
        foreach ($name in 'Dropout', 'ClassWeight', 'SampleWeight') {
            (Get-Help Invoke-NetworkTraining -Parameter $name).Description.Text | Should -Not -BeNullOrEmpty
        }
        (Get-Help Test-NeuralNetwork -Parameter SampleWeight).Description.Text | Should -BeLike '*weight*'
    }
}
