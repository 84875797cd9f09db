# Experiments written as plans (Invoke-NetworkExperiment -PlanPath), run task by task (-TaskIndex or a
# scheduler's variable) and merged (Get-NetworkExperimentResult): the same results as a local run.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $experimentId = 'NeuralNet.PowerShell.Commands.InvokeNetworkExperimentCommand'
    $resultId = 'NeuralNet.PowerShell.Commands.GetNetworkExperimentResultCommand'
    $irisCsv = Join-Path $script:DataFolder 'iris.csv'
    $rows = Import-Csv $irisCsv
    $grid = @{ HiddenLayers = 3, 6; LearningRate = 0.01, 0.05 }

    # Runs every task of a plan here, in the order given (default: last to first).
    function Invoke-AllTasks($Plan, [int[]] $Order) {
        if (-not $Order) { $Order = ($Plan.Tasks - 1)..0 }
        foreach ($task in $Order) { $null = Invoke-NetworkExperiment -PlanPath $Plan.PlanPath -TaskIndex $task }
    }

    # What must agree between a merged plan and a local run: every property but the time taken.
    function Get-Comparable($Results) {
        $Results | Select-Object -ExcludeProperty Duration | ConvertTo-Json -Depth 4 -Compress
    }

    $savedIndexes = @{}
    foreach ($name in 'SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX', 'AZ_BATCH_TASK_ID', 'PBS_ARRAY_INDEX') {
        $savedIndexes[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
}

AfterAll {
    foreach ($name in $savedIndexes.Keys) { [Environment]::SetEnvironmentVariable($name, $savedIndexes[$name]) }
}

Describe 'Invoke-NetworkExperiment -PlanPath' {
    Context 'a grid on pipeline rows' {
        BeforeAll {
            $folder = Join-Path $TestDrive 'grid'
            $local = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 3 -Epochs 15 -Seed 4
            $plan = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 3 -Epochs 15 -Seed 4 -PlanPath $folder
        }

        It 'writes plan.json and the rows, and outputs the tasks to submit' {
            $plan.PSObject.TypeNames | Should -Contain 'NeuralNet.ExperimentPlan'
            $plan.PlanPath | Should -Be (Resolve-Path $folder).Path
            $plan.Tasks | Should -Be 12
            $plan.ArrayRange | Should -Be '0-11'
            $plan.Configurations | Should -Be 4
            Join-Path $folder 'plan.json' | Should -Exist
            $kept = Join-Path $folder 'rows.csv'
            $plan.DataFiles | Should -Be $kept
            $plan.Sha256 | Should -Be (Get-FileHash $kept -Algorithm SHA256).Hash.ToLowerInvariant()
            (Import-Csv $kept).Count | Should -Be $rows.Count
            Join-Path $folder 'results' | Should -Not -Exist
        }

        It 'runs one task per call into results/<index>.json, numbered configuration × fold' {
            $task = Invoke-NetworkExperiment -PlanPath $folder -TaskIndex 7
            $task.PSObject.TypeNames | Should -Contain 'NeuralNet.ExperimentTaskResult'
            ($task.Task, $task.Configuration, $task.Fold) | Should -Be 7, 3, 2
            $task.Path | Should -Be (Join-Path $folder 'results/7.json')
            $task.Path | Should -Exist
            $task.AlreadyDone | Should -BeFalse
            $task.Score | Should -Be $local[2].Scores[1]
        }

        It 'does nothing for a task that has its result, so a rerun resumes' {
            $file = Join-Path $folder 'results/7.json'
            $before = Get-Content $file -Raw
            $stamp = (Get-Item $file).LastWriteTimeUtc
            Start-Sleep -Milliseconds 20
            $again = Invoke-NetworkExperiment -PlanPath $folder -TaskIndex 7
            $again.AlreadyDone | Should -BeTrue
            Get-Content $file -Raw | Should -Be $before
            (Get-Item $file).LastWriteTimeUtc | Should -Be $stamp
        }

        It 'merges into the same objects a local run returns, score for score' {
            Invoke-AllTasks $plan
            $merged = Get-NetworkExperimentResult -PlanPath $folder
            $merged.Count | Should -Be 4
            ($merged.Scores -join ',') | Should -Be ($local.Scores -join ',')
            Get-Comparable $merged | Should -Be (Get-Comparable $local)
            $merged[0].PSObject.TypeNames | Should -Contain 'NeuralNet.ExperimentResult'
            $merged[0].Duration | Should -BeOfType TimeSpan
            $merged[0].Duration | Should -BeGreaterThan ([TimeSpan]::Zero)
        }

        It 'takes plans from the pipeline by their PlanPath' {
            ($plan | Get-NetworkExperimentResult).Count | Should -Be 4
        }

        It 'writes the same plan again without touching its results, and refuses another plan in the folder' {
            $same = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 3 -Epochs 15 -Seed 4 -PlanPath $folder
            $same.Tasks | Should -Be 12
            @(Get-ChildItem (Join-Path $folder 'results')).Count | Should -Be 12
            try { Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 3 -Epochs 16 -PlanPath $folder } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be "PlanExists,$experimentId"
            $err.CategoryInfo.Category | Should -Be 'ResourceExists'
            $err.Exception.Message | Should -Match 'new folder'
        }

        It 'refits the best configuration on all rows at merge, as a local -Refit does' {
            $merged = Get-NetworkExperimentResult -PlanPath $folder -Refit
            $best = $local | Sort-Object @{ e = 'MeanScore'; Descending = $true }, Configuration | Select-Object -First 1
            @($merged | Where-Object Network).Count | Should -Be 1
            $refit = $merged | Where-Object Network
            $refit.Configuration | Should -Be $best.Configuration
            $byHand = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = $best.HiddenLayers; LearningRate = $best.LearningRate } -Folds 3 -Epochs 15 -Seed 4 -Refit
            ($refit.Network.Weights | ConvertTo-Json -Depth 5 -Compress) | Should -Be ($byHand.Network.Weights | ConvertTo-Json -Depth 5 -Compress)
        }
    }

    Context 'tasks that have not run, have failed, or meet changed data' {
        It 'lists the missing tasks as an error whose target is their numbers, and refits only when all are done' {
            $folder = Join-Path $TestDrive 'partial'
            $plan = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 2, 3 } -Folds 3 -Epochs 5 -PlanPath $folder
            Invoke-AllTasks $plan 0, 2
            $merged = Get-NetworkExperimentResult -PlanPath $folder -ErrorVariable missing -ErrorAction SilentlyContinue
            $merged.Count | Should -Be 2
            $missing.Count | Should -Be 1
            $missing[0].FullyQualifiedErrorId | Should -Be "ExperimentTasksMissing,$resultId"
            $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $missing[0].TargetObject | Should -Be 1, 3, 4, 5
            $missing[0].Exception.Message | Should -Match '4 of the 6 tasks.*sbatch --array=1,3-5'
            [double]::IsNaN($merged[0].MeanScore) | Should -BeTrue
            $merged[0].Error | Should -Match 'task 1 has no result yet'
            { Get-NetworkExperimentResult -PlanPath $folder -Refit -ErrorAction SilentlyContinue } | Should -Throw -ErrorId "ExperimentTasksMissing,$resultId"
        }

        It 'records a failing configuration as its result, warns, and reports it at merge while the others merge' {
            $rare = for ($i = 0; $i -lt 60; $i++) {
                [pscustomobject]@{ a = $i % 3 + ($i % 7) / 10; colour = $(if ($i -eq 0) { 'violet' } elseif ($i % 2) { 'red' } else { 'blue' }); y = "c$($i % 3)" }
            }
            $folder = Join-Path $TestDrive 'failing'
            $plan = Invoke-NetworkExperiment -InputObject $rare -Target y -ParameterGrid @{ UnknownCategory = 'Error', 'Ignore' } -Folds 3 -Epochs 3 -PlanPath $folder
            $tasks = 0..5 | ForEach-Object { Invoke-NetworkExperiment -PlanPath $folder -TaskIndex $_ -WarningVariable +warned -WarningAction SilentlyContinue -ErrorVariable +failed }
            $failed | Should -BeNullOrEmpty
            @($tasks | Where-Object Error).Count | Should -Be 1
            "$warned" | Should -Match 'violet'
            $merged = Get-NetworkExperimentResult -PlanPath $folder -ErrorVariable reported -ErrorAction SilentlyContinue
            $reported.Count | Should -Be 1
            $reported[0].FullyQualifiedErrorId | Should -Be "ExperimentRunFailed,$resultId"
            $local = Invoke-NetworkExperiment -InputObject $rare -Target y -ParameterGrid @{ UnknownCategory = 'Error', 'Ignore' } -Folds 3 -Epochs 3 -ErrorAction SilentlyContinue
            $merged[0].Error | Should -Be $local[0].Error
            ($merged[1].Scores -join ',') | Should -Be ($local[1].Scores -join ',')
        }

        It 'records the data file of -Path with its SHA-256, and a task stops when the file has changed' {
            $csv = Join-Path $TestDrive 'iris-copy.csv'
            Copy-Item $irisCsv $csv
            $folder = Join-Path $TestDrive 'bypath'
            $plan = Invoke-NetworkExperiment -Path $csv -Target species -ParameterGrid @{ HiddenLayers = 3 } -Folds 2 -Epochs 5 -PlanPath $folder
            $plan.DataFiles | Should -Be (Resolve-Path $csv).Path
            $plan.Sha256 | Should -Be (Get-FileHash $csv -Algorithm SHA256).Hash.ToLowerInvariant()
            Join-Path $folder 'rows.csv' | Should -Not -Exist
            (Invoke-NetworkExperiment -PlanPath $folder -TaskIndex 0).Score | Should -Be (Invoke-NetworkExperiment -Path $csv -Target species -ParameterGrid @{ HiddenLayers = 3 } -Folds 2 -Epochs 5).Scores[0]
            Add-Content $csv '5.0,3.0,1.5,0.2,setosa'
            try { Invoke-NetworkExperiment -PlanPath $folder -TaskIndex 1 } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be "PlanDataChanged,$experimentId"
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $err.Exception.Message | Should -Match ([regex]::Escape($csv))
            $err.Exception.Message | Should -Match 'SHA-256'
            Join-Path $folder 'results/1.json' | Should -Not -Exist
        }

        It 'names a data file inside the plan''s folder relative to it, so the folder can move with its data' {
            $folder = Join-Path $TestDrive 'portable'
            New-Item -ItemType Directory -Path (Join-Path $folder 'data') | Out-Null
            Copy-Item $irisCsv (Join-Path $folder 'data/iris.csv')
            $null = Invoke-NetworkExperiment -Path (Join-Path $folder 'data/iris.csv') -Target species -ParameterGrid @{ HiddenLayers = 3 } -Folds 2 -Epochs 5 -PlanPath $folder
            (Get-Content (Join-Path $folder 'plan.json') -Raw | ConvertFrom-Json).source.files[0].path | Should -Be 'data/iris.csv'
            $moved = Join-Path $TestDrive 'moved'
            Move-Item $folder $moved
            (Invoke-NetworkExperiment -PlanPath $moved -TaskIndex 0).Path | Should -Be (Join-Path $moved 'results/0.json')
        }

        It 'reads the files as the plan says, with its -Delimiter' {
            $semicolons = Join-Path $TestDrive 'iris-semicolons.csv'
            (Get-Content $irisCsv) -replace ',', ';' | Set-Content $semicolons
            $folder = Join-Path $TestDrive 'semicolons'
            $null = Invoke-NetworkExperiment -Path $semicolons -Delimiter ';' -Target species -ParameterGrid @{ HiddenLayers = 3 } -Folds 2 -Epochs 5 -PlanPath $folder
            (Get-Content (Join-Path $folder 'plan.json') -Raw | ConvertFrom-Json).csv.delimiter | Should -Be ';'
            (Invoke-NetworkExperiment -PlanPath $folder -TaskIndex 1).Score |
                Should -Be (Invoke-NetworkExperiment -Path $semicolons -Delimiter ';' -Target species -ParameterGrid @{ HiddenLayers = 3 } -Folds 2 -Epochs 5).Scores[1]
        }

        It 'leaves no result for a task stopped on the way, and runs it when it is run again' {
            # About 2.5 s of training on a 2-core machine, stopped as Ctrl+C or a scheduler's SIGTERM would stop
            # it as soon as the task has read its data (the results folder appears just before it trains),
            # so the stop lands in the training however fast the machine is.
            $folder = Join-Path $TestDrive 'stopped'
            $null = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 8 } -Folds 2 -Epochs 60000 -PlanPath $folder
            $ps = [PowerShell]::Create()
            $null = $ps.AddScript("Import-Module '$env:NEURALNET_MODULE'; Invoke-NetworkExperiment -PlanPath '$folder' -TaskIndex 0")
            $running = $ps.BeginInvoke()
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            while (-not (Test-Path (Join-Path $folder 'results')) -and -not $running.IsCompleted -and $clock.Elapsed.TotalSeconds -lt 120) { Start-Sleep -Milliseconds 10 }
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped' -Because 'the task must still be training when it is stopped'
            $ps.Dispose()
            Join-Path $folder 'results/0.json' | Should -Not -Exist
            $done = Invoke-NetworkExperiment -PlanPath $folder -TaskIndex 0
            $done.AlreadyDone | Should -BeFalse
            $done.Path | Should -Exist
        }
    }

    Context 'the task index' {
        BeforeAll {
            $folder = Join-Path $TestDrive 'index'
            $plan = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 2, 3 } -Folds 2 -Epochs 3 -PlanPath $folder
        }
        AfterEach {
            foreach ($name in $savedIndexes.Keys) { [Environment]::SetEnvironmentVariable($name, $null) }
        }

        It 'comes from <Variable> when -TaskIndex is not given' -ForEach @(
            @{ Variable = 'SLURM_ARRAY_TASK_ID'; Value = '1'; Task = 1 }
            @{ Variable = 'JOB_COMPLETION_INDEX'; Value = '2'; Task = 2 }
            @{ Variable = 'AZ_BATCH_TASK_ID'; Value = 'task-3'; Task = 3 }
            @{ Variable = 'PBS_ARRAY_INDEX'; Value = '0'; Task = 0 }
        ) {
            [Environment]::SetEnvironmentVariable($Variable, $Value)
            $result = Invoke-NetworkExperiment -PlanPath $folder -Verbose 4>&1
            ($result | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -First 1).Message | Should -Match $Variable
            ($result | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Task | Should -Be $Task
        }

        It 'runs a block of tasks in one process, -ThrottleLimit at a time, each once' {
            $block = Invoke-NetworkExperiment -PlanPath $folder -TaskIndex 0, 1, 2, 3, 1 -ThrottleLimit 2
            ($block.Task | Sort-Object) | Should -Be 0, 1, 2, 3
            0..3 | ForEach-Object { Join-Path $folder "results/$_.json" | Should -Exist }
            $again = Invoke-NetworkExperiment -PlanPath $folder -TaskIndex (0..3)
            $again.AlreadyDone | Should -Be $true, $true, $true, $true
            ($again | Sort-Object Task).Score | Should -Be ($block | Sort-Object Task).Score
        }

        It 'takes -TaskIndex over the environment, and SLURM_ARRAY_TASK_ID over the others' {
            $env:SLURM_ARRAY_TASK_ID = '1'
            $env:PBS_ARRAY_INDEX = '2'
            (Invoke-NetworkExperiment -PlanPath $folder).Task | Should -Be 1
            (Invoke-NetworkExperiment -PlanPath $folder -TaskIndex 0).Task | Should -Be 0
        }

        It 'is an error naming the variables when none is given, the variable when it is not a number, and the range when out of it' {
            try { Invoke-NetworkExperiment -PlanPath $folder } catch { $none = $_ }
            $none.FullyQualifiedErrorId | Should -Be "TaskIndexMissing,$experimentId"
            $none.Exception.Message | Should -Match 'SLURM_ARRAY_TASK_ID.*JOB_COMPLETION_INDEX.*AZ_BATCH_TASK_ID.*PBS_ARRAY_INDEX'
            $env:JOB_COMPLETION_INDEX = 'x1'
            try { Invoke-NetworkExperiment -PlanPath $folder } catch { $bad = $_ }
            $bad.FullyQualifiedErrorId | Should -Be "InvalidTaskIndex,$experimentId"
            $bad.Exception.Message | Should -Match "JOB_COMPLETION_INDEX is 'x1'"
            try { Invoke-NetworkExperiment -PlanPath $folder -TaskIndex 4 } catch { $range = $_ }
            $range.FullyQualifiedErrorId | Should -Be "TaskIndexOutOfRange,$experimentId"
            $range.Exception.Message | Should -Match 'tasks 0 to 3.*--array=0-3'
            $range.TargetObject | Should -Be 4
        }
    }

    Context 'matrices and refusals' {
        It 'keeps -FeatureMatrix and -TargetMatrix in the plan and merges to the local scores' {
            $x = ConvertTo-Matrix ($rows | ForEach-Object { , @([double]$_.petal_length, ([double]$_.petal_width / 3)) })
            $y = ConvertTo-Matrix ($rows | ForEach-Object { , @([double]($_.species -eq 'setosa'), [double]($_.species -eq 'versicolor'), [double]($_.species -eq 'virginica')) })
            $folder = Join-Path $TestDrive 'matrix'
            $mgrid = @{ HiddenLayers = 3, 4; Loss = 'CrossEntropy' }
            $plan = Invoke-NetworkExperiment -FeatureMatrix $x -TargetMatrix $y -ParameterGrid $mgrid -Folds 2 -Epochs 10 -PlanPath $folder
            Join-Path $folder 'matrix.csv' | Should -Exist
            Invoke-AllTasks $plan
            $local = Invoke-NetworkExperiment -FeatureMatrix $x -TargetMatrix $y -ParameterGrid $mgrid -Folds 2 -Epochs 10
            ((Get-NetworkExperimentResult -PlanPath $folder).Scores -join ',') | Should -Be ($local.Scores -join ',')
        }

        It 'keeps the spelling of categories that read as numbers, and equals the local run on mixed rows' {
            $mixed = for ($i = 0; $i -lt 90; $i++) {
                # '05', '4', '10' sort one way as text and another as numbers: the one-hot columns follow the text.
                [pscustomobject]@{ size = [double]($i % 3) + ($i % 11) / 10; code = ('05', '4', '10')[($i + [int]($i / 7)) % 3]; note = "a, ""b"" $($i % 4)"; flag = [bool]($i % 5); y = "k$($i % 3)" }
            }
            $folder = Join-Path $TestDrive 'mixed'
            $mgrid = @{ HiddenLayers = 3; Scaling = 'Standard', 'MinMax'; Categorical = 'code' }
            $plan = Invoke-NetworkExperiment -InputObject $mixed -Target y -ParameterGrid $mgrid -Folds 3 -Epochs 10 -PlanPath $folder
            Invoke-AllTasks $plan
            $local = Invoke-NetworkExperiment -InputObject $mixed -Target y -ParameterGrid $mgrid -Folds 3 -Epochs 10
            ((Get-NetworkExperimentResult -PlanPath $folder).Scores -join ',') | Should -Be ($local.Scores -join ',')
            (Get-Content (Join-Path $folder 'plan.json') -Raw | ConvertFrom-Json).source.textColumns | Should -Be 'code'
        }

        It 'refuses -Refit and -Session with -PlanPath, and a folder without a plan' {
            try { Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Refit -PlanPath (Join-Path $TestDrive 'refit') } catch { $refit = $_ }
            $refit.FullyQualifiedErrorId | Should -Be "PlanRefitAtMerge,$experimentId"
            $refit.Exception.Message | Should -Match 'Get-NetworkExperimentResult'
            Join-Path $TestDrive 'refit/plan.json' | Should -Not -Exist
            try { Invoke-NetworkExperiment -PlanPath (Join-Path $TestDrive 'nowhere') -TaskIndex 0 } catch { $none = $_ }
            $none.FullyQualifiedErrorId | Should -Be "PlanNotFound,$experimentId"
            $none.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            try { Get-NetworkExperimentResult -PlanPath $TestDrive } catch { $empty = $_ }
            $empty.FullyQualifiedErrorId | Should -Be "PlanNotFound,$resultId"
            $empty.Exception.Message | Should -Match 'plan.json is missing'
        }

        It 'says which property of a damaged plan is wrong' {
            $folder = Join-Path $TestDrive 'damaged'
            $null = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 2 } -Folds 2 -Epochs 3 -PlanPath $folder
            $file = Join-Path $folder 'plan.json'
            (Get-Content $file -Raw) -replace '"foldCount": 2', '"foldCount": "two"' | Set-Content $file
            try { Get-NetworkExperimentResult -PlanPath $folder } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be "InvalidExperimentPlan,$resultId"
            $err.Exception.Message | Should -Match "foldCount"
        }
    }
}
