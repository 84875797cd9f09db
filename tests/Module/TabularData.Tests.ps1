BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $trainId = 'NeuralNet.PowerShell.Commands.InvokeNetworkTrainingCommand'
    $predictId = 'NeuralNet.PowerShell.Commands.GetNetworkPredictionCommand'
    $testId = 'NeuralNet.PowerShell.Commands.TestNeuralNetworkCommand'
    $iris = Get-IrisSplit
    # y = 3·a − 2·b + 1 (+ 5 when colour is red): a regression with a categorical input
    $regression = for ($i = 0; $i -lt 200; $i++) {
        $a = [math]::Round([math]::Sin($i) * 2, 4); $b = [math]::Round([math]::Cos($i * 1.7), 4)
        $colour = ('red', 'green', 'blue')[$i % 3]
        [pscustomobject]@{ a = "$a"; b = "$b"; colour = $colour; y = "$(3 * $a - 2 * $b + 1 + [int]($colour -eq 'red') * 5 + 0.5)" }
    }
}

Describe 'Classification from Import-Csv rows' {
    BeforeAll {
        $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
        $iris.Train | Invoke-NetworkTraining -Network $net -Target species -Epochs 500 | Out-Null
        $result = $iris.Test | Test-NeuralNetwork -Network $net
    }

    It 'sizes the network from the data and picks softmax with cross-entropy' {
        $net.Layers | Should -Be '4-8-3'
        $net.OutputActivation | Should -Be 'Softmax'
        $net.LossFunction | Should -Be 'CrossEntropy'
        $net.Task | Should -Be 'Classification'
        $net.Classes | Should -Be 'setosa', 'versicolor', 'virginica'
    }

    It 'reaches at least 0.93 held-out accuracy with defaults' {
        $result.Accuracy | Should -BeGreaterOrEqual 0.93
        $result.Rows | Should -Be 30
    }

    It 'predicts labels with probabilities, keeping the row''s properties' {
        $p = $iris.Test | Get-NetworkPrediction -Network $net
        $p[0].species | Should -Be 'setosa'
        $p[0].Prediction | Should -Be 'setosa'
        $p[0].Probability | Should -BeGreaterThan 0.5
        ($p[0].Probability_setosa + $p[0].Probability_versicolor + $p[0].Probability_virginica) | Should -BeGreaterThan 0.999999
        $p[0].sepal_length | Should -Be $iris.Test[0].sepal_length
        $iris.Test[0].PSObject.Properties['Prediction'] | Should -BeNullOrEmpty   # the input is not modified
    }

    It 'leaves the caller''s variables alone when it registers the prediction view' {
        # A target name no earlier test used, so this prediction registers its view now.
        $rows = foreach ($i in 1..40) { [pscustomobject]@{ x = $i % 7; taste = ('sweet', 'sour')[$i % 2] } }
        $taster = New-NeuralNetwork -HiddenLayers 3 -Seed 1
        $rows | Invoke-NetworkTraining -Network $taster -Target taste -Epochs 2 | Out-Null
        $data = 'mine'; $typeData = 'also mine'
        $rows[0] | Get-NetworkPrediction -Network $taster | Out-Null
        $data | Should -Be 'mine'
        $typeData | Should -Be 'also mine'
    }

    It 'reports accuracy, F1, log loss, per-class scores and a confusion matrix' {
        $result.Task | Should -Be 'Classification'
        $result.MacroF1 | Should -BeGreaterThan 0.9
        $result.LogLoss | Should -BeGreaterThan 0
        $result.PerClass.Class | Should -Be 'setosa', 'versicolor', 'virginica'
        ($result.ConfusionMatrix | Measure-Object -Property setosa, versicolor, virginica -Sum).Sum | Measure-Object -Sum | ForEach-Object Sum | Should -Be 30
        $result.ConfusionMatrix[0].Actual | Should -Be 'setosa'
        $result.ConfusionMatrix[0].setosa | Should -Be 10
        ($result.ConfusionMatrix | Format-Table | Out-String) | Should -Match 'Actual\s+setosa\s+versicolor\s+virginica'
    }

    It 'gives the same result under de-DE' {
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            $net2 = New-NeuralNetwork -HiddenLayers 8 -Seed 1
            $iris.Train | Invoke-NetworkTraining -Network $net2 -Target species -Epochs 500 | Out-Null
            ($iris.Test | Test-NeuralNetwork -Network $net2).Accuracy | Should -Be $result.Accuracy
            $net2.Loss | Should -Be $net.Loss
        }
        finally { [cultureinfo]::CurrentCulture = $saved }
    }

    It 'reads two classes into one sigmoid output with binary cross-entropy' {
        $two = $iris.Train | Where-Object species -ne 'setosa'
        $binary = New-NeuralNetwork -HiddenLayers 4 -Seed 2 | Invoke-NetworkTraining -InputObject $two -Target species -Epochs 200
        $binary.Layers | Should -Be '4-4-1'
        $binary.OutputActivation | Should -Be 'Sigmoid'
        $binary.LossFunction | Should -Be 'BinaryCrossEntropy'
        ($iris.Test | Where-Object species -ne 'setosa' | Test-NeuralNetwork -Network $binary).Accuracy | Should -BeGreaterThan 0.85
    }

    It 'takes whole-number targets with few values as classes' {
        $rows = $iris.Train | Select-Object sepal_length, petal_length, @{ n = 'code'; e = { @{ setosa = 0; versicolor = 1; virginica = 2 }[$_.species] } }
        $coded = New-NeuralNetwork -HiddenLayers 6 -Seed 3 | Invoke-NetworkTraining -InputObject $rows -Target code -Epochs 100
        $coded.Task | Should -Be 'Classification'
        $coded.Classes | Should -Be '0', '1', '2'
    }
}

Describe 'Regression with a categorical input' {
    BeforeAll {
        $net = New-NeuralNetwork -HiddenLayers 16 -Seed 4
        $regression | Invoke-NetworkTraining -Network $net -Target y -Epochs 300 -LearningRate 0.01 | Out-Null
        $result = $regression | Test-NeuralNetwork -Network $net
    }

    It 'one-hot encodes the string column and predicts numbers in the target''s units' {
        $net.Layers | Should -Be '5-16-1'
        $net.Task | Should -Be 'Regression'
        $net.OutputActivation | Should -Be 'Identity'
        $p = $regression[0] | Get-NetworkPrediction -Network $net
        $p.Prediction | Should -BeOfType [double]
        [math]::Abs($p.Prediction - [double]$regression[0].y) | Should -BeLessThan 1.0
    }

    It 'reports MSE, RMSE, MAE and R²' {
        $result.Task | Should -Be 'Regression'
        $result.RSquared | Should -BeGreaterThan 0.95
        $result.RootMeanSquaredError | Should -Be ([math]::Sqrt($result.MeanSquaredError))
        $result.MeanAbsoluteError | Should -BeGreaterThan 0
    }

    It 'refuses a category it never saw, or ignores it when asked' {
        $odd = [pscustomobject]@{ a = '1'; b = '0'; colour = 'purple' }
        try { $odd | Get-NetworkPrediction -Network $net } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "UnknownCategory,$predictId"
        $err.Exception.Message | Should -Match "Row 1, property 'colour' is 'purple'"
        ($odd | Get-NetworkPrediction -Network $net -UnknownCategory Ignore).Prediction | Should -BeOfType [double]
    }

    It 'names a feature column missing at prediction' {
        { [pscustomobject]@{ a = 1; colour = 'red' } | Get-NetworkPrediction -Network $net } | Should -Throw -ErrorId "FeatureNotFound,$predictId"
    }

    It 'forces a numeric column to categories with -Categorical' {
        $rows = $regression | Select-Object a, @{ n = 'level'; e = { [int]([double]$_.b * 2) } }, y
        $cat = New-NeuralNetwork -HiddenLayers 4 -Seed 5 | Invoke-NetworkTraining -InputObject $rows -Target y -Categorical level -Epochs 5
        $cat.LayerSizes[0] | Should -Be (1 + @($rows.level | Sort-Object -Unique).Count)
    }
}

Describe 'Several targets' {
    It 'predicts two multi-class targets with one softmax each, and scores each' {
        $rows = Import-Csv (Join-Path $script:DataFolder 'iris.csv') | ForEach-Object {
            $length = [double]$_.sepal_length
            $_ | Add-Member -NotePropertyName size -NotePropertyValue $(if ($length -lt 5.4) { 'small' } elseif ($length -lt 6.3) { 'medium' } else { 'large' }) -PassThru
        }
        $net = New-NeuralNetwork -HiddenLayers 16 -Seed 1
        $rows | Invoke-NetworkTraining -Network $net -Target species, size -Epochs 300 | Out-Null
        $net.Layers | Should -Be '4-16-6'
        $net.Target | Should -Be 'species', 'size'
        $p = $rows[0] | Get-NetworkPrediction -Network $net
        $p.Prediction_species | Should -Be 'setosa'
        $p.Prediction_size | Should -Be 'small'
        ($p.Probability_species + 0) | Should -BeLessOrEqual 1
        $scores = @($rows | Test-NeuralNetwork -Network $net)
        $scores.Target | Should -Be 'species', 'size'
        $scores[0].Accuracy | Should -BeGreaterThan 0.9
        $scores[1].Accuracy | Should -BeGreaterThan 0.8
        $scores[1].ConfusionMatrix.Count | Should -Be 3
    }
}

Describe 'Rows in other shapes' {
    It 'accepts hashtables, ints and decimals, and ConvertFrom-Json rows' {
        $hash = 1..40 | ForEach-Object { @{ x = $_; z = [decimal]($_ / 10); label = if ($_ % 2) { 'odd' } else { 'even' } } }
        $net = New-NeuralNetwork -HiddenLayers 4 -Seed 6 | Invoke-NetworkTraining -InputObject $hash -Target label -Epochs 5
        $net.Feature | Sort-Object | Should -Be 'x', 'z'
        $json = '[{"x":1,"z":0.1},{"x":2,"z":0.2}]' | ConvertFrom-Json
        @($json | Get-NetworkPrediction -Network $net).Count | Should -Be 2
    }
}

Describe 'Missing values' {
    BeforeAll {
        $rows = 1..30 | ForEach-Object { [pscustomobject]@{ a = "$($_ % 7)"; b = "$($_ % 5)"; y = "$($_ * 0.5 + 0.25)" } }
        $rows[3].a = ''
    }

    It 'stops by default, naming the row and column' {
        try { $rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 2) -Target y -Epochs 1 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "MissingValue,$trainId"
        $err.Exception.Message | Should -Match "Row 4, property 'a' is empty"
        $err.TargetObject | Should -Be $rows[3]
    }

    It 'skips such rows with -MissingValue Skip' {
        $net = New-NeuralNetwork -HiddenLayers 2 -Seed 1 | Invoke-NetworkTraining -InputObject $rows -Target y -Epochs 1 -MissingValue Skip
        $net.EpochsTrained | Should -Be 1
    }

    It 'fills in the training mean with -MissingValue Mean, also at prediction' {
        $net = New-NeuralNetwork -HiddenLayers 2 -Seed 1 | Invoke-NetworkTraining -InputObject $rows -Target y -Epochs 1 -MissingValue Mean
        ([pscustomobject]@{ a = ''; b = '1' } | Get-NetworkPrediction -Network $net).Prediction | Should -BeOfType [double]
        ([pscustomobject]@{ b = '1' } | Get-NetworkPrediction -Network $net).Prediction | Should -BeOfType [double]
    }
}

Describe 'Data errors' {
    It 'refuses a numeric column with a stray string, suggesting -Categorical' {
        $rows = 1..10 | ForEach-Object { [pscustomobject]@{ a = "$_"; y = "$($_ * 1.5)" } }
        $rows[6].a = 'seven'
        try { $rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 2) -Target y -Epochs 1 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "NonNumericValue,$trainId"
        $err.Exception.Message | Should -Match "Row 7, property 'a' is 'seven'.*-Categorical a"
    }

    It 'says both sizes when -LayerSizes disagrees with the data' {
        try { $iris.Train | Invoke-NetworkTraining -Network (New-NeuralNetwork -LayerSizes 4, 5, 2) -Target species -Epochs 1 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "TargetCountMismatch,$trainId"
        $err.Exception.Message | Should -Match 'has 2 outputs but the targets need 3'
    }

    It 'refuses a target with a single class' {
        { $iris.Train | Where-Object species -eq 'setosa' | Invoke-NetworkTraining -Network (New-NeuralNetwork) -Target species -Epochs 1 } |
            Should -Throw -ErrorId "SingleClass,$trainId"
    }

    It 'refuses to continue training on another target' {
        $net = New-NeuralNetwork -HiddenLayers 3 -Seed 1 | Invoke-NetworkTraining -InputObject $iris.Train -Target species -Epochs 1
        { $iris.Train | Invoke-NetworkTraining -Network $net -Target petal_width -Epochs 1 } | Should -Throw -ErrorId "TargetMismatch,$trainId"
    }

    It 'refuses a class at test time that training never saw' {
        $net = New-NeuralNetwork -HiddenLayers 3 -Seed 1 | Invoke-NetworkTraining -InputObject ($iris.Train | Where-Object species -ne 'virginica') -Target species -Epochs 1
        { $iris.Test | Test-NeuralNetwork -Network $net } | Should -Throw -ErrorId "UnknownClass,$testId"
    }
}

Describe 'CSV files through -Path' {
    BeforeAll {
        $csv = Join-Path $TestDrive 'quoted.csv'
        $lines = @('"name","size","colour","price"')
        for ($i = 0; $i -lt 60; $i++) {
            $colour = ('red', 'green, light', "dark`nblue")[$i % 3]
            $lines += '"item {0}",{1},"{2}",{3}' -f $i, ($i % 10), $colour, (($i % 10) * 2 + ($i % 3) + 0.5)
        }
        Set-Content -Path $csv -Value $lines
        $semicolon = Join-Path $TestDrive 'iris-semicolon.csv'
        Import-Csv (Join-Path $script:DataFolder 'iris.csv') | Export-Csv $semicolon -Delimiter ';' -NoTypeInformation
    }

    It 'reads quoted fields with embedded commas and newlines' {
        $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1 | Invoke-NetworkTraining -Path $csv -Target price -Feature size, colour -Epochs 5
        $net.LayerSizes[0] | Should -Be 4   # size + 3 colours
        $net.Feature | Should -Be 'size', 'colour'
    }

    It 'trains, predicts and tests from files with another delimiter, relative to the current location' {
        Push-Location $TestDrive
        try {
            $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1 | Invoke-NetworkTraining -Path ./iris-semicolon.csv -Delimiter ';' -Target species -Epochs 300
            $p = @(Get-NetworkPrediction -Network $net -Path ./iris-semicolon.csv -Delimiter ';')
            $p.Count | Should -Be 150
            $p[0].Prediction | Should -Be 'setosa'
            (Test-NeuralNetwork -Network $net -Path ./iris-semicolon.csv -Delimiter ';').Accuracy | Should -BeGreaterThan 0.9
        }
        finally { Pop-Location }
    }

    It 'trains exactly as Import-Csv rows of the same file do' {
        $file = Join-Path $script:DataFolder 'iris.csv'
        $fromPath = New-NeuralNetwork -HiddenLayers 5 -Seed 3 | Invoke-NetworkTraining -Path $file -Target species -Epochs 20
        $fromRows = New-NeuralNetwork -HiddenLayers 5 -Seed 3 | Invoke-NetworkTraining -InputObject (Import-Csv $file) -Target species -Epochs 20
        ($fromPath.Weights | ConvertTo-Json -Depth 5 -Compress) | Should -Be ($fromRows.Weights | ConvertTo-Json -Depth 5 -Compress)
    }

    It 'reports a missing file as ObjectNotFound' {
        try { New-NeuralNetwork | Invoke-NetworkTraining -Path (Join-Path $TestDrive 'nope.csv') -Target y } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "FileNotFound,$trainId"
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
