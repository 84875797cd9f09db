BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $childPwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    function Get-WeightsJson($network) { @($network.Weights, $network.Biases) | ConvertTo-Json -Depth 6 -Compress }

    # 300 rows, four numbers, a class that depends on two of them: 19 batches of 16 an epoch, so shuffles matter.
    $random = [System.Random]::new(7)
    $rows = foreach ($i in 1..300) {
        $x = 1..4 | ForEach-Object { [math]::Round($random.NextDouble() * 4 - 2, 3) }
        [pscustomobject]@{ x1 = $x[0]; x2 = $x[1]; x3 = $x[2]; x4 = $x[3]; y = if ($x[0] * $x[1] + 0.3 * $x[2] -gt 0) { 'up' } else { 'down' } }
    }
    $csv = Join-Path $TestDrive 'rows.csv'
    $rows | Export-Csv $csv -NoTypeInformation

    # Trains in a runspace of its own, as a console would, so that Stop() is Ctrl+C.
    function Start-Training($net, [hashtable] $parameters) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $net, $parameters)
                Import-Module $module
                $net | Invoke-NetworkTraining @parameters
            }).AddArgument($script:ModulePath).AddArgument($net).AddArgument($parameters)
        [pscustomobject]@{ PowerShell = $ps; Async = $ps.BeginInvoke() }
    }
}

Describe 'Invoke-NetworkTraining -CheckpointPath' {
    It 'leaves a checkpoint that a killed process resumes from to the weights of an uninterrupted run' {
        $epochs = 1500
        $path = Join-Path $TestDrive 'killed.json'
        $script = Join-Path $TestDrive 'train-until-killed.ps1'
        Set-Content $script @"
Import-Module '$($script:ModulePath)'
New-NeuralNetwork -HiddenLayers 16 -Seed 2 | Invoke-NetworkTraining -Path '$csv' -Target y -Epochs $epochs -BatchSize 16 -CheckpointPath '$path' | Out-Null
"@
        $child = Start-Process $childPwsh -ArgumentList '-NoProfile', '-NonInteractive', '-File', $script -PassThru
        try {
            $deadline = [datetime]::Now.AddSeconds(90)
            $seen = 0
            while ($seen -lt 30 -and [datetime]::Now -lt $deadline -and -not $child.HasExited) {
                Start-Sleep -Milliseconds 50
                if (Test-Path $path) { $seen = (Import-NeuralNetwork -LiteralPath $path).EpochsTrained }
            }
            Start-Sleep -Milliseconds (Get-Random -Minimum 0 -Maximum 400)
        }
        finally { $child.Kill(); $child.WaitForExit() }   # SIGKILL: no clean-up runs in the child

        $checkpoint = Import-NeuralNetwork -LiteralPath $path
        $stood = $checkpoint.EpochsTrained
        $stood | Should -BeGreaterOrEqual 30
        $stood | Should -BeLessThan $epochs -Because 'the child must have been killed mid-training'
        ($checkpoint.ModelJson | ConvertFrom-Json).resume | Should -Not -BeNullOrEmpty

        $whole = New-NeuralNetwork -HiddenLayers 16 -Seed 2 | Invoke-NetworkTraining -Path $csv -Target y -Epochs $epochs -BatchSize 16
        $resumed = $checkpoint | Invoke-NetworkTraining -Path $csv -Target y -Epochs ($epochs - $stood) -BatchSize 16
        $resumed.EpochsTrained | Should -Be $epochs
        Get-WeightsJson $resumed | Should -Be (Get-WeightsJson $whole)
        ($resumed.TrainingHistory.Loss | ForEach-Object ToString R) | Should -Be ($whole.TrainingHistory.Loss | ForEach-Object ToString R)
    }

    It 'writes every -CheckpointEvery epochs, counted by epoch number' {
        $path = Join-Path $TestDrive 'every.json'
        $net = New-NeuralNetwork -HiddenLayers 16 -Seed 3
        $run = Start-Training $net @{ Path = $csv; Target = 'y'; Epochs = 1000000; BatchSize = 4; CheckpointPath = $path; CheckpointEvery = 3 }
        $seen = [System.Collections.Generic.HashSet[int]]::new()
        try {
            $deadline = [datetime]::Now.AddSeconds(60)
            while ($seen.Count -lt 3 -and [datetime]::Now -lt $deadline) {
                if (Test-Path $path) { $null = $seen.Add((Import-NeuralNetwork -LiteralPath $path).EpochsTrained) }
                Start-Sleep -Milliseconds 20
            }
        }
        finally { $run.PowerShell.Stop(); $run.PowerShell.Dispose() }
        $seen.Count | Should -BeGreaterOrEqual 3
        $seen | ForEach-Object { $_ % 3 | Should -Be 0 -Because "epoch $_ is not a multiple of 3" }
    }

    It 'writes a last checkpoint when training is stopped (Ctrl+C), holding the stopped network and where it stood' {
        $path = Join-Path $TestDrive 'stopped.json'
        $net = New-NeuralNetwork -HiddenLayers 16 -Seed 4
        # So many epochs between checkpoints that none comes before the stop.
        $run = Start-Training $net @{ Path = $csv; Target = 'y'; Epochs = 1000000; BatchSize = 4; CheckpointPath = $path; CheckpointEvery = 1000000 }
        try {
            $deadline = [datetime]::Now.AddSeconds(60)
            while ($net.EpochsTrained -lt 3 -and [datetime]::Now -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Test-Path $path | Should -BeFalse
        }
        finally { $run.PowerShell.Stop(); $run.PowerShell.Dispose() }
        $checkpoint = Import-NeuralNetwork -LiteralPath $path
        $checkpoint.EpochsTrained | Should -Be $net.EpochsTrained
        $checkpoint.TrainingHistory[-1].Interrupted | Should -BeTrue
        Get-WeightsJson $checkpoint | Should -Be (Get-WeightsJson $net)
        $document = $checkpoint.ModelJson | ConvertFrom-Json
        $document.resume.scheduleEpoch | Should -Be $net.EpochsTrained
        $document.optimizer.kind | Should -Be 'Adam'
        $document.training.epochs | Should -Be 1000000
    }

    It 'saves the finished network at the end, a complete model file with its optimizer state' {
        $path = Join-Path $TestDrive 'end.json'
        $net = $rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 8 -Seed 5) -Target y -Epochs 7 -ValidationSplit 0.2 -CheckpointPath $path -CheckpointEvery 5
        $checkpoint = Import-NeuralNetwork -LiteralPath $path
        $checkpoint.EpochsTrained | Should -Be 7
        Get-WeightsJson $checkpoint | Should -Be (Get-WeightsJson $net)
        $document = Get-Content $path -Raw | ConvertFrom-Json
        $document.formatVersion | Should -Be 2
        $document.resume | Should -BeNullOrEmpty
        $document.optimizer.steps | Should -BeGreaterThan 0
        @($document.optimizer.state.firstMoment).Count | Should -Be 4   # W1, b1, W2, b2
    }

    It 'refuses <Case> before training' -ForEach @(
        @{ Case = 'a missing folder'; Id = 'FolderNotFound'; Extra = @{ CheckpointPath = 'no/such/folder/run.json' } }
        @{ Case = 'a directory'; Id = 'PathIsDirectory'; Extra = @{ CheckpointPath = '.' } }
        @{ Case = '-CheckpointEvery without a path'; Id = 'CheckpointEveryWithoutPath'; Extra = @{ CheckpointEvery = 5 } }
    ) {
        $net = New-NeuralNetwork -HiddenLayers 4 -Seed 1
        Push-Location $TestDrive
        try {
            { $rows | Invoke-NetworkTraining -Network $net -Target y -Epochs 2 @Extra -ErrorAction Stop } |
                Should -Throw -ErrorId "$Id,NeuralNet.PowerShell.Commands.InvokeNetworkTrainingCommand"
        }
        finally { Pop-Location }
        $net.EpochsTrained | Should -Be 0
    }

    It 'refuses -CheckpointEvery 0 while binding, naming the parameter' {
        { $rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 4) -Target y -CheckpointPath (Join-Path $TestDrive 'x.json') -CheckpointEvery 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,NeuralNet.PowerShell.Commands.InvokeNetworkTrainingCommand' -ExpectedMessage '*-CheckpointEvery must be at least 1*'
    }

    It 'refuses several networks to one checkpoint file' {
        $path = Join-Path $TestDrive 'two.json'
        { @((New-NeuralNetwork -HiddenLayers 4 -Seed 1), (New-NeuralNetwork -HiddenLayers 4 -Seed 2)) | Invoke-NetworkTraining -Path $csv -Target y -Epochs 1 -CheckpointPath $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'SeveralNetworksOneCheckpoint,NeuralNet.PowerShell.Commands.InvokeNetworkTrainingCommand'
    }

    It 'stops with CheckpointFailed when a checkpoint cannot be written, keeping a network that trains on' -Skip:(-not $IsLinux) {
        # /proc takes no new files, not even from root: the path passes the checks, and the first write fails.
        $net = New-NeuralNetwork -HiddenLayers 4 -Seed 1
        $err = { $rows | Invoke-NetworkTraining -Network $net -Target y -Epochs 3 -CheckpointPath '/proc/nn-checkpoint.json' -ErrorAction Stop } |
            Should -Throw -ErrorId 'CheckpointFailed,NeuralNet.PowerShell.Commands.InvokeNetworkTrainingCommand' -PassThru
        $err.TargetObject | Should -Be '/proc/nn-checkpoint.json'
        $err.ErrorDetails.Message | Should -Match 'training stopped after epoch 1'
        $net.EpochsTrained | Should -Be 1
        $rows | Invoke-NetworkTraining -Network $net -Target y -Epochs 2 | Out-Null
        $net.EpochsTrained | Should -Be 3
    }
}
