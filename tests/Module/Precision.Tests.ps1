BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $split = Get-IrisSplit
    function New-Trained([string] $Precision) {
        New-NeuralNetwork -HiddenLayers 8 -Seed 1 -Precision $Precision | Invoke-NetworkTraining -InputObject $split.Train -Target species -Epochs 150
    }
    $double = New-Trained Double
    $single = New-Trained Single
}

Describe 'New-NeuralNetwork -Precision' {
    It 'defaults to Double and shows the precision' {
        (New-NeuralNetwork -HiddenLayers 4).Precision | Should -Be 'Double'
        $single.Precision | Should -Be 'Single'
        ($single | Format-List | Out-String) | Should -Match 'Precision\s+:\s+Single'
    }

    It 'trains in single precision to the same result as Double, up to float32 rounding' {
        $single.Loss | Should -Not -Be $double.Loss
        [math]::Abs($single.Loss - $double.Loss) / $double.Loss | Should -BeLessThan 1e-5
        ($split.Test | Test-NeuralNetwork -Network $single).Accuracy | Should -BeGreaterOrEqual 0.9
        $singleWeights = $single.Weights[0][0][0]
        $singleWeights | Should -BeOfType double   # the master weights stay in double
    }

    It 'predicts with float32 products: probabilities differ from Double only by float32 rounding' {
        $copy = $double | Copy-NeuralNetwork
        $p1 = @($split.Test | Get-NetworkPrediction -Network $double).Probability
        $p2 = @($split.Test | Get-NetworkPrediction -Network $single).Probability
        $differences = for ($i = 0; $i -lt $p1.Count; $i++) { [math]::Abs($p1[$i] - $p2[$i]) }
        ($differences | Measure-Object -Maximum).Maximum | Should -BeLessThan 1e-5
        ($differences | Measure-Object -Maximum).Maximum | Should -BeGreaterThan 0
        (@($split.Test | Get-NetworkPrediction -Network $copy).Probability) | Should -Be $p1
    }

    It 'keeps the precision through Export/Import, Copy-NeuralNetwork and Export-Clixml' {
        $path = Join-Path $TestDrive 'single.json'
        $single | Export-NeuralNetwork -Path $path
        (Get-Content $path -Raw | ConvertFrom-Json).network.precision | Should -Be 'Single'
        $back = Import-NeuralNetwork $path
        $back.Precision | Should -Be 'Single'
        @($split.Test | Get-NetworkPrediction -Network $back).Probability | Should -Be @($split.Test | Get-NetworkPrediction -Network $single).Probability
        ($single | Copy-NeuralNetwork).Precision | Should -Be 'Single'
        $xml = Join-Path $TestDrive 'single.xml'
        $single | Export-Clixml $xml
        (Import-Clixml $xml | Copy-NeuralNetwork).Precision | Should -Be 'Single'
    }

    It 'reads a network file without a precision (written before it existed) as Double' {
        $path = Join-Path $TestDrive 'older.json'
        $document = $double.ModelJson | ConvertFrom-Json -Depth 20
        $document.network.PSObject.Properties.Remove('precision')
        $document | ConvertTo-Json -Depth 20 | Set-Content $path
        (Import-NeuralNetwork $path).Precision | Should -Be 'Double'
    }

    It 'checks gradients in double precision even for a Single network' {
        $checks = Test-NetworkGradient -Network $single -InputObject ($split.Train | Select-Object -First 10) -Target species
        $checks.Passed | Should -Not -Contain $false
        ($checks.MaxRelativeError | Measure-Object -Maximum).Maximum | Should -BeLessThan 1e-6
    }

    It 'is a grid key for Invoke-NetworkExperiment' {
        $results = Invoke-NetworkExperiment -InputObject $split.Train -Target species -ParameterGrid @{ HiddenLayers = 8; Precision = 'Double', 'Single' } -Folds 2 -Epochs 20 -Seed 3
        $results.Precision | Should -Be 'Double', 'Single'
        [math]::Abs($results[0].MeanScore - $results[1].MeanScore) | Should -BeLessThan 0.05
    }

    It 'refuses a precision it does not have, naming the choices' {
        { New-NeuralNetwork -HiddenLayers 4 -Precision Half } | Should -Throw -ExpectedMessage '*Double*Single*'
    }
}
