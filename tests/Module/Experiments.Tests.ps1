BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../tools/LoopbackSsh.ps1')
    $experimentId = 'NeuralNet.PowerShell.Commands.InvokeNetworkExperimentCommand'
    $irisCsv = Join-Path $script:DataFolder 'iris.csv'
    $rows = Import-Csv $irisCsv
}

Describe 'Invoke-NetworkExperiment' {
    BeforeAll {
        $grid = @{ HiddenLayers = 4, 8; LearningRate = 0.01, 0.001 }
        $results = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 3 -Epochs 50
    }

    It 'gives one object per configuration with its parameters, mean, spread and per-fold scores' {
        $results.Count | Should -Be 4
        $results.Configuration | Should -Be 1, 2, 3, 4
        ($results | ForEach-Object { "$($_.HiddenLayers)/$($_.LearningRate)" }) | Should -Be '4/0.01', '4/0.001', '8/0.01', '8/0.001'
        foreach ($r in $results) {
            $r.Metric | Should -Be 'Accuracy'
            $r.Scores.Count | Should -Be 3
            $r.MeanScore | Should -Be (($r.Scores | Measure-Object -Average).Average)
            $r.StdScore | Should -BeGreaterOrEqual 0
            $r.Duration | Should -BeOfType TimeSpan
        }
        ($results | Sort-Object MeanScore -Descending)[0].MeanScore | Should -BeGreaterThan 0.9
    }

    It 'writes each configuration as soon as it is complete, so a stop (Ctrl+C) keeps those written' {
        # Configuration 1 trains for 5 epochs; configuration 2 for far longer than anyone waits.
        # The module is imported first, on its own: a batch (AddStatement) stopped and disposed between its
        # statements can leave PowerShell's own work item running on a closed runspace, which ends the process.
        $ps = [PowerShell]::Create()
        $null = $ps.AddScript("Import-Module '$env:NEURALNET_MODULE'").Invoke()
        $ps.Commands.Clear()
        $parameters = @{ InputObject = $rows; Target = 'species'; ParameterGrid = @{ HiddenLayers = 2; Epochs = 5, 50000000 }; Folds = 2; ThrottleLimit = 2 }
        $null = $ps.AddCommand('Invoke-NetworkExperiment').AddParameters($parameters)
        $none = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $none.Complete()
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $running = $ps.BeginInvoke($none, $output)
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        while ($output.Count -eq 0 -and -not $running.IsCompleted -and $clock.Elapsed.TotalSeconds -lt 120) { Start-Sleep -Milliseconds 20 }
        $ps.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        $output.Count | Should -Be 1
        $output[0].Configuration | Should -Be 1
        $output[0].Epochs | Should -Be 5
        $alone = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 2; Epochs = 5 } -Folds 2
        ($output[0].Scores -join ',') | Should -Be ($alone.Scores -join ',')
    }

    It 'exports to CSV as ordinary objects' {
        $path = Join-Path $TestDrive 'results.csv'
        $results | Select-Object HiddenLayers, LearningRate, MeanScore, StdScore | Export-Csv $path
        (Import-Csv $path).Count | Should -Be 4
    }

    It 'scores the same whatever the throttle limit' {
        $one = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 3 -Epochs 50 -ThrottleLimit 1
        ($one.Scores -join ',') | Should -Be ($results.Scores -join ',')
    }

    It 'scores each configuration equal to training the fold by hand' {
        # The first fold of configuration 1, redone with the same seeds, gives the same score.
        $single = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 4 } -ValidationSplit 0.2 -Epochs 30 -Seed 7 -Refit
        $single.Scores.Count | Should -Be 1
        $single.Network.EpochsTrained | Should -Be 30
        $byHand = New-NeuralNetwork -HiddenLayers 4 -Seed 7 | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 30 -Seed 7
        ($single.Network.Weights | ConvertTo-Json -Depth 5 -Compress) | Should -Be ($byHand.Weights | ConvertTo-Json -Depth 5 -Compress)
    }

    It 'takes CSV files and matrices too' {
        $fromPath = Invoke-NetworkExperiment -Path $irisCsv -Target species -ParameterGrid @{ HiddenLayers = 4 } -Folds 2 -Epochs 20
        $fromPath.Scores.Count | Should -Be 2
        $x = ConvertTo-Matrix ($rows | ForEach-Object { , @([double]$_.petal_length, [double]$_.petal_width) })
        $y = ConvertTo-Matrix ($rows | ForEach-Object { , @([double]($_.species -eq 'setosa'), [double]($_.species -eq 'versicolor'), [double]($_.species -eq 'virginica')) })
        $fromMatrix = Invoke-NetworkExperiment -FeatureMatrix $x -TargetMatrix $y -ParameterGrid @{ HiddenLayers = 4; Loss = 'CrossEntropy' } -Folds 2 -Epochs 20
        $fromMatrix.Metric | Should -Be 'Accuracy'
        $fromMatrix.Scores.Count | Should -Be 2
    }

    It 'scores regression with R² by default, or the metric asked for' {
        $r = Invoke-NetworkExperiment -InputObject ($rows | Select-Object sepal_length, petal_length, petal_width) -Target petal_width -ParameterGrid @{ HiddenLayers = 4 } -Folds 2 -Epochs 20
        $r.Metric | Should -Be 'RSquared'
        $m = Invoke-NetworkExperiment -InputObject ($rows | Select-Object sepal_length, petal_length, petal_width) -Target petal_width -ParameterGrid @{ HiddenLayers = 4 } -Folds 2 -Epochs 20 -Metric MeanAbsoluteError
        $m.Metric | Should -Be 'MeanAbsoluteError'
    }

    It 'runs a remote run from rows sent once: a session that does not hold them asks for them' {
        # What a session runs (ExperimentEndpoint): first without the rows' text, then with it, then by their hash alone.
        $csv = "x,y`n" + ((0..29 | ForEach-Object { "$($_ % 3).$_,c$($_ % 3)" }) -join "`n") + "`n"
        $sha = (Get-FileHash -InputStream ([IO.MemoryStream]::new([Text.Encoding]::UTF8.GetBytes($csv))) -Algorithm SHA256).Hash.ToLowerInvariant()
        $data = @{ Sha256 = $sha; Text = $null; Kind = 'Rows'; TextColumns = @(); Features = 0; Targets = 0 }
        $options = @{ Target = @('y'); Epochs = 5 }
        $call = { [NeuralNet.PowerShell.ExperimentEndpoint]::Run($data, 1, [string[]]@('HiddenLayers'), [object[]]@(3), 0, 5, [int[]](0..19), [int[]](20..29), $options, 'Accuracy') }
        (& $call).ErrorId | Should -Be 'ExperimentDataNotHeld'
        $data.Text = $csv
        $first = & $call
        $first.Error | Should -BeNullOrEmpty
        $data.Text = $null
        (& $call).Score | Should -Be $first.Score
    }

    It 'refuses a grid key that no cmdlet takes, naming it' {
        try { Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayerz = 4 } } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "InvalidParameterGrid,$experimentId"
        $err.Exception.Message | Should -Match "'HiddenLayerz'"
    }

    It 'refuses a grid value that does not fit its parameter before any run, naming the configuration' {
        try { Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ Activation = 'ReLU', 'Bogus' } -Folds 2 -Epochs 2 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "InvalidParameterGrid,$experimentId"
        $err.Exception.Message | Should -Match 'Configuration 2 \(-Activation Bogus\)'
    }

    Context 'data where a category appears in one fold only' {
        BeforeAll {
            # 'violet' is in one row only: the fold that tests it trained without it.
            $rare = for ($i = 0; $i -lt 60; $i++) {
                [pscustomobject]@{ a = $i % 3 + ($i % 7) / 10; colour = $(if ($i -eq 0) { 'violet' } elseif ($i % 2) { 'red' } else { 'blue' }); y = "c$($i % 3)" }
            }
        }

        It 'reports the configuration whose runs failed, naming the fix, and still runs the others' {
            $results = Invoke-NetworkExperiment -InputObject $rare -Target y -ParameterGrid @{ UnknownCategory = 'Error', 'Ignore' } -Folds 3 -Epochs 3 `
                -ErrorVariable failures -ErrorAction SilentlyContinue
            $results.Count | Should -Be 2
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "ExperimentRunFailed,$experimentId"
            $failures[0].Exception.Message | Should -Match "violet.*-UnknownCategory Ignore"
            $results[0].Error | Should -Match 'violet'
            [double]::IsNaN($results[0].MeanScore) | Should -BeTrue
            $results[1].Error | Should -BeNullOrEmpty
            $results[1].Scores.Count | Should -Be 3
        }

        It 'takes -UnknownCategory and -MissingValue as parameters too' {
            $gaps = @($rare) + [pscustomobject]@{ a = ''; colour = 'red'; y = 'c1' }
            $r = Invoke-NetworkExperiment -InputObject $gaps -Target y -ParameterGrid @{ HiddenLayers = 3 } -Folds 3 -Epochs 3 -UnknownCategory Ignore -MissingValue Mean
            $r.Error | Should -BeNullOrEmpty
            $r.Scores.Count | Should -Be 3
        }

        It 'stops on the first failure with -ErrorAction Stop' {
            { Invoke-NetworkExperiment -InputObject $rare -Target y -ParameterGrid @{ HiddenLayers = 3 } -Folds 3 -Epochs 3 -ErrorAction Stop } |
                Should -Throw -ErrorId "ExperimentRunFailed,$experimentId"
        }
    }
}

Describe 'Experiments across machines with -Session' {
    BeforeAll {
        $ssh = Start-LoopbackSsh -Folder (Join-Path $TestDrive 'ssh') -RepoRoot (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $sessions = if (-not $ssh.Skip) { @(New-LoopbackSession $ssh; New-LoopbackSession $ssh) }
    }
    AfterAll {
        if ($sessions) { $sessions | Remove-PSSession }
        Stop-LoopbackSsh $ssh
    }

    It 'spreads configurations over SSH sessions with the same results as locally' {
        if ($ssh.Skip) { Set-ItResult -Skipped -Because $ssh.Skip; return }
        $grid = @{ HiddenLayers = 4, 8 }
        $remote = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 3 -Epochs 20 -Session $sessions -Refit
        $local = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 3 -Epochs 20 -Refit
        ($remote.Scores -join ',') | Should -Be ($local.Scores -join ',')
        $remote[0].Network | Should -BeOfType NeuralNet.PowerShell.NeuralNetwork
        ($remote[0].Network.Weights | ConvertTo-Json -Depth 5 -Compress) | Should -Be ($local[0].Network.Weights | ConvertTo-Json -Depth 5 -Compress)
    }

    It 'runs random search and successive halving over SSH sessions with the same results as locally' {
        if ($ssh.Skip) { Set-ItResult -Skipped -Because $ssh.Skip; return }
        $space = @{ LearningRate = 'LogUniform(1e-3,1e-1)'; HiddenLayers = 3, 6 }
        $compare = { param($r) $r | Select-Object -ExcludeProperty Duration, Network | ConvertTo-Json -Depth 4 -Compress }
        $remote = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Random -Trials 3 -ParameterSpace $space -Folds 2 -Epochs 10 -Seed 3 -Session $sessions
        $local = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Random -Trials 3 -ParameterSpace $space -Folds 2 -Epochs 10 -Seed 3
        & $compare $remote | Should -Be (& $compare $local)
        foreach ($resource in 'Epochs', 'Rows') {
            $remote = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Halving -HalvingResource $resource -Trials 3 -ParameterSpace $space -Folds 2 -Epochs 9 -Seed 3 -Session $sessions -Refit
            $local = Invoke-NetworkExperiment -InputObject $rows -Target species -Search Halving -HalvingResource $resource -Trials 3 -ParameterSpace $space -Folds 2 -Epochs 9 -Seed 3 -Refit
            @($remote | Select-Object -ExpandProperty Rung -Unique).Count | Should -Be 2
            & $compare $remote | Should -Be (& $compare $local)
            (($remote | Where-Object Network).Network.Weights | ConvertTo-Json -Depth 5 -Compress) | Should -Be (($local | Where-Object Network).Network.Weights | ConvertTo-Json -Depth 5 -Compress)
        }
    }

    It 'refuses -PlanPath with -Session: a plan is for a scheduler to run' {
        if ($ssh.Skip) { Set-ItResult -Skipped -Because $ssh.Skip; return }
        $folder = Join-Path $TestDrive 'session-plan'
        try { Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 2 } -Session $sessions -PlanPath $folder } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'PlanWithSession,NeuralNet.PowerShell.Commands.InvokeNetworkExperimentCommand'
        $folder | Should -Not -Exist
    }

    It 'hands the run of a session that closes to the others, with the same scores' {
        if ($ssh.Skip) { Set-ItResult -Skipped -Because $ssh.Skip; return }
        $pair = @(New-LoopbackSession $ssh; New-LoopbackSession $ssh)
        $grid = @{ HiddenLayers = 2, 3, 4, 5, 6, 7 }
        $job = Start-ThreadJob -ArgumentList $env:NEURALNET_MODULE, $rows, $grid, $pair {
            param($module, $rows, $grid, $pair)
            Import-Module $module
            Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 3 -Epochs 40 -Session $pair
        }
        Start-Sleep -Milliseconds 2500
        Remove-PSSession $pair[0]
        $remote = $job | Receive-Job -Wait -AutoRemoveJob -ErrorVariable jobErrors
        $pair | Remove-PSSession -ErrorAction SilentlyContinue
        $jobErrors | Should -BeNullOrEmpty
        $local = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 3 -Epochs 40
        ($remote.Scores -join ',') | Should -Be ($local.Scores -join ',')
    }

    It 'says the sessions closed when none is left, instead of a run that returned nothing' {
        if ($ssh.Skip) { Set-ItResult -Skipped -Because $ssh.Skip; return }
        $one = New-LoopbackSession $ssh
        $job = Start-ThreadJob -ArgumentList $env:NEURALNET_MODULE, $rows, $one {
            param($module, $rows, $one)
            Import-Module $module
            Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 2, 3, 4, 5, 6, 7 } -Folds 3 -Epochs 400 -Session $one -ErrorAction Continue
        }
        # Close the session once the first run has finished and while others wait.
        $clock = [Diagnostics.Stopwatch]::StartNew()
        while ($clock.Elapsed.TotalSeconds -lt 60 -and -not ($job.Progress | Where-Object StatusDescription -Match '\([1-9]\d* of 18 runs\)')) { Start-Sleep -Milliseconds 50 }
        $job.State | Should -Be 'Running'
        Remove-PSSession $one -ErrorAction Stop
        $results = $job | Receive-Job -Wait -AutoRemoveJob -ErrorVariable jobErrors -ErrorAction SilentlyContinue
        @($results).Count | Should -Be 6
        @($results | Where-Object Error).Count | Should -BeGreaterThan 0
        "$jobErrors" | Should -Match 'every session closed'
        "$jobErrors" | Should -Not -Match 'returned nothing'
    }
}
