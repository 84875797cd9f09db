# Experiment plans on a real scheduler: the private Slurm cluster of tests/tools/Slurm.ps1 runs a plan's
# tasks as a job array (each task reads SLURM_ARRAY_TASK_ID). One task is killed while it trains; the
# array resubmitted with --wait runs it again while the finished tasks do nothing, and the merged results
# equal a local run score for score. Skipped, saying why, where Slurm cannot run.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../tools/Slurm.ps1')
    $rows = Import-Csv (Join-Path $script:DataFolder 'iris.csv')
    $cluster = Start-TestSlurmCluster -Root (Join-Path $TestDrive 'slurm')

    # --time=20 (minutes): Slurm ends a task that hangs, so sbatch --wait returns whatever goes wrong.
    function Submit-Plan($Plan, [switch] $Wait) {
        $logs = Join-Path $Plan.PlanPath 'logs'
        New-Item -ItemType Directory -Path $logs -Force | Out-Null
        $arguments = @("--array=$($Plan.ArrayRange)", '--time=20', "$export,PLAN=$($Plan.PlanPath)", "--output=$logs/%a.log")
        if ($Wait) { sbatch --wait --quiet @arguments $task } else { sbatch --parsable @arguments $task }
    }

    if (-not $cluster.Skip) {
        # The job script every task runs: this PowerShell (the process running the tests, with its pwsh.dll
        # when that process is dotnet, so the job needs neither the dotnet tool's manifest nor a pwsh on its
        # PATH), the built module, and the plan; the task index comes from SLURM_ARRAY_TASK_ID.
        $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $launch = "'$self'"
        if ([System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') {
            $launch += " '$(Join-Path (Split-Path ([psobject].Assembly.Location)) 'pwsh.dll')'"
        }
        $task = Join-Path $TestDrive 'task.sh'
        Set-Content $task @"
#!/bin/bash
exec $launch -NoLogo -NoProfile -NonInteractive -Command "Import-Module '`$MODULE'; Invoke-NetworkExperiment -PlanPath '`$PLAN' -Verbose"
"@
        chmod 755 $task
        $export = "--export=ALL,MODULE=$env:NEURALNET_MODULE"

        # Tasks 0 and 1 train for 20 epochs; 2 and 3 for 300000, about 7 s each on a 2-core test machine
        # (0.4 s for 12000 was too short to kill reliably), so scancel reaches task 3 while it trains on
        # any machine short of several times faster. The bounds below are generous: they only stop a hang.
        $grid = @{ HiddenLayers = 4; Epochs = 20, 300000 }
        $plan = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 2 -Seed 8 -PlanPath (Join-Path $cluster.JobsFolder 'sweep')
        $results = Join-Path $plan.PlanPath 'results'
        $jobId = Submit-Plan $plan
        $submitted = $LASTEXITCODE
        $log = Join-Path $plan.PlanPath 'logs/3.log'
        Wait-TestSlurm -TimeoutSeconds 300 -What 'task 3 to start' -Until { (Test-Path $log) -and (Get-Content $log -Raw) -match 'Task 3, from' } | Out-Null
        scancel "${jobId}_3"
        # Read before the controller forgets the task (MinJobAge): CANCELLED, or COMPLETED if it finished
        # first ('forgotten' if it ended even before that).
        $killedState = Wait-TestSlurm -TimeoutSeconds 60 -What 'task 3 to end' -Until {
            $state = Get-TestSlurmJobState "${jobId}_3"
            if (-not $state) { 'forgotten' } elseif ($state -notin 'PENDING', 'RUNNING', 'COMPLETING') { $state }
        }
        Wait-TestSlurm -TimeoutSeconds 300 -What 'the array to end' -Until { -not (& (Get-SlurmTool squeue) -h -o '%i' 2>$null) } | Out-Null
        $afterKill = 0..3 | ForEach-Object { if (Test-Path (Join-Path $results "$_.json")) { Get-Content (Join-Path $results "$_.json") -Raw } }
    }
}

AfterAll {
    Stop-TestSlurmCluster $cluster
}

Describe 'Experiment plans as Slurm job arrays' {
    It 'runs one task per array element, and a task killed while it trains leaves no result' {
        if ($cluster.Skip) { Set-ItResult -Skipped -Because $cluster.Skip; return }
        $submitted | Should -Be 0
        $plan.ArrayRange | Should -Be '0-3'
        Get-Content (Join-Path $plan.PlanPath 'logs/2.log') -Raw | Should -Match 'Task 2, from SLURM_ARRAY_TASK_ID'
        $killedState | Should -Be 'CANCELLED' -Because 'scancel must reach task 3 while it trains'
        Join-Path $results '3.json' | Should -Not -Exist
        @($afterKill).Count | Should -Be 3
    }

    It 'resubmitted as sbatch --array=0-(N-1) --wait, runs the killed task and leaves the finished ones as they were' {
        if ($cluster.Skip) { Set-ItResult -Skipped -Because $cluster.Skip; return }
        Submit-Plan $plan -Wait
        $LASTEXITCODE | Should -Be 0 -Because (Get-Content (Join-Path $plan.PlanPath 'logs/*.log') -Raw)
        (0..2 | ForEach-Object { Get-Content (Join-Path $results "$_.json") -Raw }) | Should -Be $afterKill
        Get-Content (Join-Path $plan.PlanPath 'logs/1.log') -Raw | Should -Match 'has its result already'
        Join-Path $results '3.json' | Should -Exist
    }

    It 'merges into the results of a local run of the same grid, score for score' {
        if ($cluster.Skip) { Set-ItResult -Skipped -Because $cluster.Skip; return }
        $merged = Get-NetworkExperimentResult -PlanPath $plan.PlanPath
        $local = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 2 -Seed 8
        ($merged.Scores -join ',') | Should -Be ($local.Scores -join ',')
        ($merged | Select-Object -ExcludeProperty Duration | ConvertTo-Json -Depth 4 -Compress) |
            Should -Be ($local | Select-Object -ExcludeProperty Duration | ConvertTo-Json -Depth 4 -Compress)
    }
}
