BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'The module' {
    It 'exports the cmdlets by name' {
        $names = (Get-Module NeuralNet).ExportedCmdlets.Keys
        $names | Should -Contain 'New-NeuralNetwork'
        $names | Should -Contain 'Invoke-NetworkTraining'
        $names | Should -Contain 'Get-NetworkPrediction'
    }

    It 'ships no System.Management.Automation.dll' {
        Join-Path (Split-Path $script:ModulePath) 'System.Management.Automation.dll' | Should -Not -Exist
    }
}

Describe 'New-NeuralNetwork' {
    It 'creates the tutorial network with the given weights' {
        $net = New-TutorialNetwork
        $net.Layers | Should -Be '3-4-1'
        $net.ParameterCount | Should -Be 16
        $net.HasBias | Should -BeFalse
        $net.Weights[0][0][0] | Should -Be (Get-TutorialReference).initialWij[0][0]
        $net.ToString() | Should -Match '^NeuralNetwork 3-4-1 Sigmoid/Sigmoid, 16 parameters, untrained$'
    }

    It 'draws the same weights for the same seed and different ones for another' {
        $a = New-NeuralNetwork -LayerSizes 4, 5, 2 -Seed 42
        $b = New-NeuralNetwork -LayerSizes 4, 5, 2 -Seed 42
        $c = New-NeuralNetwork -LayerSizes 4, 5, 2 -Seed 43
        ($a.Weights | ConvertTo-Json -Depth 5) | Should -Be ($b.Weights | ConvertTo-Json -Depth 5)
        ($a.Weights | ConvertTo-Json -Depth 5) | Should -Not -Be ($c.Weights | ConvertTo-Json -Depth 5)
    }

    It 'records a drawn seed when none is given' {
        (New-NeuralNetwork -LayerSizes 2, 1).Seed | Should -BeOfType [int]
    }

    It 'prints a short summary, not raw arrays' {
        $text = New-TutorialNetwork | Out-String
        $text | Should -Match '3-4-1'
        $text | Should -Not -Match 'System\.Double'
    }

    Context 'bad input' {
        It 'refuses a layer size below 1, naming the layer' {
            { New-NeuralNetwork -LayerSizes 3, 0, 1 } | Should -Throw -ErrorId 'InvalidLayerSize,NeuralNet.PowerShell.Commands.NewNeuralNetworkCommand'
            try { New-NeuralNetwork -LayerSizes 3, 0, 1 } catch { $err = $_ }
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match 'Layer 2 \(hidden\) has size 0'
        }

        It 'refuses a single layer size' {
            { New-NeuralNetwork -LayerSizes 3 } | Should -Throw -ErrorId 'TooFewLayerSizes,NeuralNet.PowerShell.Commands.NewNeuralNetworkCommand'
        }

        It 'refuses initial weights of the wrong shape, naming the layer and the expected shape' {
            $bad = [double[][]]@(, [double[]](1, 2, 3))
            try { New-NeuralNetwork -LayerSizes 3, 4, 1 -InitialWeights $bad, $bad } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be 'InitialWeightsShapeMismatch,NeuralNet.PowerShell.Commands.NewNeuralNetworkCommand'
            $err.Exception.Message | Should -Match 'layer 1 must be 3 × 4 \(inputs × units\)'
        }
    }
}

Describe 'Invoke-NetworkTraining and Get-NetworkPrediction reproduce the tutorial' {
    BeforeAll {
        $ref = Get-TutorialReference
        $rows = Get-TutorialRows
    }

    It 'matches numpy to 1e-9 from pipeline rows' {
        $net = New-TutorialNetwork
        $rows | Invoke-NetworkTraining -Network $net -Target y -Epochs 10000 -LearningRate 1 -Loss SumSquaredError -BatchSize 4 | Out-Null
        $predictions = @($rows | Get-NetworkPrediction -Network $net)
        $predictions.Count | Should -Be 4
        for ($i = 0; $i -lt 4; $i++) {
            $predictions[$i].Prediction | Should -BeGreaterThan ($ref.predictionAfterTraining[$i] - 1e-9)
            $predictions[$i].Prediction | Should -BeLessThan ($ref.predictionAfterTraining[$i] + 1e-9)
            $predictions[$i].x1 | Should -Be $rows[$i].x1
        }
        for ($i = 0; $i -lt 3; $i++) { for ($j = 0; $j -lt 4; $j++) {
            [math]::Abs($net.Weights[0][$i][$j] - $ref.finalWij[$i][$j]) | Should -BeLessThan 1e-9 } }
        for ($j = 0; $j -lt 4; $j++) { [math]::Abs($net.Weights[1][$j][0] - $ref.finalWjk[$j][0]) | Should -BeLessThan 1e-9 }
        $net.EpochsTrained | Should -Be 10000
    }

    It 'matches numpy to 1e-9 from matrices, with the network piped in' {
        $X = ConvertTo-Matrix $ref.X
        $Y = ConvertTo-Matrix $ref.y
        $net2 = New-TutorialNetwork
        $out = $net2 | Invoke-NetworkTraining -FeatureMatrix $X -TargetMatrix $Y -Epochs 10000 -LearningRate 1 -Loss SumSquaredError -BatchSize 4
        $out | Should -Be $net2
        $predictions = @(Get-NetworkPrediction -Network $net2 -FeatureMatrix $X)
        $predictions.Row | Should -Be 1, 2, 3, 4
        for ($i = 0; $i -lt 4; $i++) { [math]::Abs($predictions[$i].Prediction - $ref.predictionAfterTraining[$i]) | Should -BeLessThan 1e-9 }
    }

    It 'accepts the network from the pipeline and the rows by -InputObject' {
        $net = New-TutorialNetwork
        $trained = $net | Invoke-NetworkTraining -InputObject $rows -Target y -Epochs 10000 -LearningRate 1 -Loss SumSquaredError -BatchSize 4
        $trained | Should -Be $net
        [math]::Abs((Get-NetworkPrediction -Network $trained -InputObject $rows[0]).Prediction - $ref.predictionAfterTraining[0]) | Should -BeLessThan 1e-9
    }

    It 'accepts hashtables as rows' {
        $net = New-TutorialNetwork
        $hashRows = $rows | ForEach-Object { @{ x1 = $_.x1; x2 = $_.x2; x3 = $_.x3; y = $_.y } }
        $hashRows | Invoke-NetworkTraining -Network $net -Target y -Feature x1, x2, x3 -Epochs 10000 -LearningRate 1 -Loss SumSquaredError -BatchSize 4 | Out-Null
        [math]::Abs(($hashRows[1] | Get-NetworkPrediction -Network $net).Prediction - $ref.predictionAfterTraining[1]) | Should -BeLessThan 1e-9
    }

    It 'streams one prediction per input row' {
        $net = New-TutorialNetwork
        $rows | Invoke-NetworkTraining -Network $net -Target y -Epochs 10 -LearningRate 1 -Loss SumSquaredError | Out-Null
        $first = $rows | Get-NetworkPrediction -Network $net | Select-Object -First 1
        $first.x3 | Should -Be 1
    }
}

Describe 'Bad input to training and prediction' {
    BeforeAll {
        $rows = Get-TutorialRows
        $trainId = 'NeuralNet.PowerShell.Commands.InvokeNetworkTrainingCommand'
        $predictId = 'NeuralNet.PowerShell.Commands.GetNetworkPredictionCommand'
    }

    It 'names the row and property of a non-numeric cell' {
        $bad = $rows + [pscustomobject]@{ x1 = 'abc'; x2 = 0; x3 = 1; y = 1 }
        try { $bad | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 2) -Target y -Epochs 1 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "NonNumericValue,$trainId"
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match "Row 5, property 'x1' is 'abc'"
        $err.TargetObject.x1 | Should -Be 'abc'
    }

    It 'names the row and property of an empty cell' {
        $bad = @($rows[0], [pscustomobject]@{ x1 = ''; x2 = 0; x3 = 1; y = 1 }, $rows[1])
        try { $bad | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 2) -Target y -Epochs 1 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "MissingValue,$trainId"
        $err.Exception.Message | Should -Match "Row 2, property 'x1' is empty"
    }

    It 'refuses NaN and infinity' {
        $bad = $rows + [pscustomobject]@{ x1 = [double]::NaN; x2 = 0; x3 = 1; y = 1 }
        { $bad | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 2) -Target y -Epochs 1 } | Should -Throw -ErrorId "NonFiniteValue,$trainId"
        $X = [double[][]]@(, [double[]](1, [double]::PositiveInfinity, 0))
        $Y = [double[][]]@(, [double[]](1))
        try { Invoke-NetworkTraining -Network (New-TutorialNetwork) -FeatureMatrix $X -TargetMatrix $Y -Epochs 1 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "NonFiniteValue,$trainId"
        $err.Exception.Message | Should -Match 'row 1, column 2'
    }

    It 'refuses a feature count that does not match the network, saying both sizes' {
        $wide = $rows | Select-Object x1, x2, x3, @{ n = 'x4'; e = { 1 } }, y
        try { $wide | Invoke-NetworkTraining -Network (New-TutorialNetwork) -Target y -Epochs 1 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "FeatureCountMismatch,$trainId"
        $err.Exception.Message | Should -Match 'takes 3 inputs but the data has 4'
        $X = [double[][]]@(, [double[]](1, 2))
        { Get-NetworkPrediction -Network (New-TutorialNetwork) -FeatureMatrix $X } | Should -Throw -ErrorId "FeatureCountMismatch,$predictId"
    }

    It 'refuses a target property that does not exist, listing the properties' {
        try { $rows | Invoke-NetworkTraining -Network (New-TutorialNetwork) -Target nope -Epochs 1 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "TargetNotFound,$trainId"
        $err.Exception.Message | Should -Match "no such property.*x1, x2, x3, y"
    }

    It 'refuses no rows' {
        { @() | Invoke-NetworkTraining -Network (New-TutorialNetwork) -Target y -Epochs 1 } | Should -Throw -ErrorId "NoRows,$trainId"
    }

    It 'refuses epochs below 1' {
        { $rows | Invoke-NetworkTraining -Network (New-TutorialNetwork) -Target y -Epochs 0 } | Should -Throw -ErrorId "ParameterArgumentValidationError,$trainId"
    }

    It 'refuses to predict with a network whose sizes are not known yet' {
        { $rows | Get-NetworkPrediction -Network (New-NeuralNetwork -HiddenLayers 3) } | Should -Throw -ErrorId "NetworkNotTrained,$predictId"
    }
}
