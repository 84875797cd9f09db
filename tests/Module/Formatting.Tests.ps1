BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $rows = Import-Csv (Join-Path $script:DataFolder 'iris.csv')
    $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1 | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 100
    function Show($value) { $value | Out-String -Width 150 }
    $rendering = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'
}

AfterAll { $PSStyle.OutputRendering = $rendering }

Describe 'What objects look like' {
    It 'prints a network as a one-line summary' {
        $text = Show $net
        $text | Should -Match 'Layers\s+Activation\s+Parameters\s+Epochs\s+Loss\s+Target'
        $text | Should -Match '4-8-3\s+ReLU/Softmax\s+67\s+100\s+0\.\d+\s+species'
    }

    It 'prints the training history as a table' {
        $text = Show ($net.TrainingHistory | Select-Object -Last 2)
        $text | Should -Match 'Epoch\s+Loss\s+ValidationLoss\s+Metric\s+Value\s+LearningRate\s+Elapsed'
        $text | Should -Match '100\s+0\.\d+\s+Accuracy'
    }

    It 'prints predictions as a table of the target, the prediction and its probability' {
        $text = Show ($rows | Select-Object -First 3 | Get-NetworkPrediction -Network $net)
        $text | Should -Match 'species\s+Prediction\s+Probability'
        $text | Should -Match 'setosa\s+setosa\s+0\.\d\d'
        ($rows[0] | Get-NetworkPrediction -Network $net).PSObject.Properties.Name | Should -Contain 'Probability_virginica'
    }

    It 'prints an evaluation as a list with per-class scores and the confusion matrix as grids' {
        $text = Show ($rows | Test-NeuralNetwork -Network $net)
        $text | Should -Match 'Accuracy\s+:\s+0\.\d{4}'
        $text | Should -Match 'ConfusionMatrix : Actual\s+setosa\s+versicolor\s+virginica'
        $text | Should -Match 'setosa\s+50\s+0\s+0'
        $text | Should -Match 'Class\s+Precision\s+Recall\s+F1\s+Support'
    }

    It 'prints gradients and gradient checks readably' {
        Show (Test-NetworkGradient -Network $net -InputObject $rows[0..4]) | Should -Match 'Layer\s+Parameters\s+MaxRelativeError\s+MaxAbsoluteError\s+Passed\s+-+[\s-]+1\s+40\s+\d\.\d\dE-\d\d'
        Show (Get-NetworkGradient -Network $net -InputObject $rows[0..4]) | Should -Match 'Shape\s+: 4 inputs × 8 units'
    }

    It 'prints experiment results as a table' {
        $text = Show (Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 2, 3 } -Folds 2 -Epochs 3)
        $text | Should -Match 'Configuration\s+Parameters\s+MeanScore\s+StdScore'
        $text | Should -Match '-HiddenLayers 3'
    }

    It 'never prints a raw array type or a hashtable dump' {
        $all = @(
            Show $net; Show $net.TrainingHistory[0]; Show ($rows | Test-NeuralNetwork -Network $net)
            Show (Get-NetworkGradient -Network $net -InputObject $rows[0..4]); Show ($rows[0] | Get-NetworkPrediction -Network $net)
        ) -join "`n"
        $all | Should -Not -Match 'System\.Double\[\]'
        $all | Should -Not -Match '@\{'
    }
}

Describe 'Tab completion' {
    BeforeAll { Push-Location $script:DataFolder }
    AfterAll { Pop-Location }

    It 'offers the -Path file''s columns for -Target and -Feature' {
        $line = 'Invoke-NetworkTraining -Path ./iris.csv -Target sp'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'species'
        $line = 'Invoke-NetworkTraining -Path ./iris.csv -Target species -Feature petal'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'petal_length', 'petal_width'
    }

    It 'completes closed sets such as -Optimizer and -Activation from their enums' {
        $line = 'Invoke-NetworkTraining -Optimizer Ad'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'Adam', 'AdamW'
        $line = 'New-NeuralNetwork -Activation Leak'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'LeakyReLU'
    }

    It 'offers nothing when the file does not exist' {
        $line = 'Invoke-NetworkTraining -Path ./nope.csv -Target '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Not -Contain 'species'
    }
}
