BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $trainId = 'NeuralNet.PowerShell.Commands.InvokeNetworkTrainingCommand'
    $rows = Import-Csv (Join-Path $script:DataFolder 'iris.csv')
    function Test-AllFinite($net) { -not ($net.Weights | ForEach-Object { $_ } | ForEach-Object { $_ } | Where-Object { [double]::IsNaN($_) -or [double]::IsInfinity($_) }) }
}

Describe 'Training history and resuming' {
    It 'records one entry per epoch and continues the count when training resumes' {
        $net = New-NeuralNetwork -HiddenLayers 4 -Seed 1
        $rows | Invoke-NetworkTraining -Network $net -Target species -Epochs 7 | Out-Null
        $net.TrainingHistory.Count | Should -Be 7
        $net.TrainingHistory[-1].MetricName | Should -Be 'Accuracy'
        $net.TrainingHistory[-1].LearningRate | Should -Be 0.001
        $rows | Invoke-NetworkTraining -Network $net -Target species -Epochs 3 | Out-Null
        $net.TrainingHistory.Epoch | Should -Be (1..10)
        $net.EpochsTrained | Should -Be 10
        $net.Loss | Should -Be $net.TrainingHistory[-1].Loss
    }

    It 'gives bit-identical weights for the same seed and data' {
        $a = New-NeuralNetwork -HiddenLayers 5 -Seed 9 | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 20
        $b = New-NeuralNetwork -HiddenLayers 5 -Seed 9 | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 20
        ($a.Weights | ConvertTo-Json -Depth 5 -Compress) | Should -Be ($b.Weights | ConvertTo-Json -Depth 5 -Compress)
    }

    It 'writes a verbose line per epoch' {
        $lines = New-NeuralNetwork -HiddenLayers 3 -Seed 1 | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 4 -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($lines).Count | Should -Be 4
        $lines[0].Message | Should -Match '^Epoch 1: loss [0-9.]+, Accuracy'
    }
}

Describe 'Validation and early stopping' {
    It 'holds out a stratified share, records validation loss, and stops when it stalls' {
        $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
        $rows | Invoke-NetworkTraining -Network $net -Target species -Epochs 1000 -ValidationSplit 0.2 -Patience 10 -LearningRate 0.05 | Out-Null
        $net.EpochsTrained | Should -BeLessThan 1000
        $net.TrainingHistory[-1].ValidationLoss | Should -Not -BeNullOrEmpty
        $net.TrainingHistory[-1].ValidationMetric | Should -BeGreaterThan 0.8
    }

    It 'restores the weights of the best validation epoch' {
        $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
        $rows | Invoke-NetworkTraining -Network $net -Target species -Epochs 60 -ValidationSplit 0.2 -LearningRate 0.05 -Seed 3 | Out-Null
        $best = ($net.TrainingHistory | Sort-Object ValidationLoss | Select-Object -First 1)
        # re-run to the best epoch with the same seeds: the weights must be that epoch's
        $again = New-NeuralNetwork -HiddenLayers 8 -Seed 1
        $rows | Invoke-NetworkTraining -Network $again -Target species -Epochs $best.Epoch -ValidationSplit 0.2 -LearningRate 0.05 -Seed 3 | Out-Null
        ($net.Weights | ConvertTo-Json -Depth 5 -Compress) | Should -Be ($again.Weights | ConvertTo-Json -Depth 5 -Compress)
    }
}

Describe 'Optimizers' {
    It 'trains with <Optimizer>' -ForEach @(
        @{ Optimizer = 'GradientDescent'; Rate = 0.1 }, @{ Optimizer = 'Momentum'; Rate = 0.05 }, @{ Optimizer = 'Adam'; Rate = 0.01 },
        @{ Optimizer = 'AdamW'; Rate = 0.01 }, @{ Optimizer = 'RMSProp'; Rate = 0.01 }, @{ Optimizer = 'Rprop'; Rate = 0 }) {
        $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
        $options = @{ Optimizer = $Optimizer; Epochs = 100 }
        if ($Rate) { $options.LearningRate = $Rate }
        $rows | Invoke-NetworkTraining -Network $net -Target species @options | Out-Null
        ($rows | Test-NeuralNetwork -Network $net).Accuracy | Should -BeGreaterThan 0.9
    }
}

Describe 'Divergence' {
    It 'stops with a clear error and keeps finite weights' {
        $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
        try { $rows | Invoke-NetworkTraining -Network $net -Target petal_width -Task Regression -Optimizer GradientDescent -LearningRate 1e6 -Epochs 5 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "TrainingDiverged,$trainId"
        $err.CategoryInfo.Category | Should -Be 'InvalidResult'
        $err.Exception.Message | Should -Match 'Lower -LearningRate'
        Test-AllFinite $net | Should -BeTrue
    }

    It 'halves the learning rate with a warning under -AutoReduceLearningRate' {
        $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
        $warnings = $rows | Invoke-NetworkTraining -Network $net -Target petal_width -Task Regression -Optimizer GradientDescent -LearningRate 1e3 -Epochs 3 -AutoReduceLearningRate 3>&1 |
            Where-Object { $_ -is [System.Management.Automation.WarningRecord] }
        @($warnings).Count | Should -BeGreaterThan 0
        $warnings[0].Message | Should -Match 'halving the learning rate'
        $net.EpochsTrained | Should -Be 3
        $net.TrainingHistory[-1].LearningRate | Should -BeLessThan 1e3
        Test-AllFinite $net | Should -BeTrue
    }
}

Describe 'Ctrl+C' {
    It 'stops after the current batch, leaving a usable network whose history says so' {
        $net = New-NeuralNetwork -HiddenLayers 32 -Seed 1
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($module, $net, $rows) Import-Module $module; $rows | Invoke-NetworkTraining -Network $net -Target species -Epochs 1000000 -BatchSize 1 }).
                AddArgument($script:ModulePath).AddArgument($net).AddArgument($rows)
            $async = $ps.BeginInvoke()
            $deadline = [datetime]::Now.AddSeconds(30)
            while ($net.EpochsTrained -lt 2 -and [datetime]::Now -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $ps.Stop()
            $net.EpochsTrained | Should -BeGreaterThan 1
            $net.TrainingHistory[-1].Interrupted | Should -BeTrue
            Test-AllFinite $net | Should -BeTrue
            ($rows | Test-NeuralNetwork -Network $net).Rows | Should -Be 150
        }
        finally { $ps.Dispose() }
    }
}
