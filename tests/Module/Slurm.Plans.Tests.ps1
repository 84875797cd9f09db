# Experiment plans on a real scheduler: the private Slurm cluster of tests/tools/Slurm.ps1 runs a plan's
# tasks as a job array (each task reads SLURM_ARRAY_TASK_ID), the merged results equal a local run score
# for score, and a task killed on the way runs again when the array is resubmitted while the finished
# ones do nothing. Skipped, saying why, where Slurm cannot run.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../tools/Slurm.ps1')
    $rows = Import-Csv (Join-Path $script:DataFolder 'iris.csv')
    $cluster = Start-TestSlurmCluster -Root (Join-Path $TestDrive 'slurm')

    # The job script every task runs: this repository's PowerShell (the tool manifest is found from the
    # working folder), the built module, and the plan; the task index comes from SLURM_ARRAY_TASK_ID.
    $task = Join-Path $TestDrive 'task.sh'
    Set-Content $task @'
#!/bin/bash
cd "$REPO" && exec "$DOTNET" pwsh -NoLogo -NoProfile -NonInteractive -Command "Import-Module '$MODULE'; Invoke-NetworkExperiment -PlanPath '$PLAN' -Verbose"
'@
    chmod 755 $task
    $export = "--export=ALL,REPO=$((Resolve-Path (Join-Path $PSScriptRoot '../..')).Path),DOTNET=$((Get-Command dotnet).Source),MODULE=$env:NEURALNET_MODULE"

    function Submit-Plan($Plan, [switch] $Wait) {
        $logs = Join-Path $Plan.PlanPath 'logs'
        New-Item -ItemType Directory -Path $logs -Force | Out-Null
        $arguments = @("--array=$($Plan.ArrayRange)", "$export,PLAN=$($Plan.PlanPath)", "--output=$logs/%a.log")
        if ($Wait) { sbatch --wait --quiet @arguments $task } else { sbatch --parsable @arguments $task }
    }

    function Get-Comparable($Results) {
        $Results | Select-Object -ExcludeProperty Duration | ConvertTo-Json -Depth 4 -Compress
    }
}

AfterAll {
    Stop-TestSlurmCluster $cluster
}

Describe 'Experiment plans as Slurm job arrays' {
    It 'runs the plan as sbatch --array=0-(N-1) --wait and merges to the local results, score for score' {
        if ($cluster.Skip) { Set-ItResult -Skipped -Because $cluster.Skip; return }
        $grid = @{ HiddenLayers = 3, 6 }
        $plan = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 2 -Epochs 30 -Seed 8 -PlanPath (Join-Path $cluster.JobsFolder 'grid')
        $plan.ArrayRange | Should -Be '0-3'
        Submit-Plan $plan -Wait
        $LASTEXITCODE | Should -Be 0 -Because (Get-Content (Join-Path $plan.PlanPath 'logs/*.log') -Raw)
        Get-Content (Join-Path $plan.PlanPath 'logs/2.log') -Raw | Should -Match 'Task 2, from SLURM_ARRAY_TASK_ID'
        $merged = Get-NetworkExperimentResult -PlanPath $plan.PlanPath
        $local = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 2 -Epochs 30 -Seed 8
        ($merged.Scores -join ',') | Should -Be ($local.Scores -join ',')
        Get-Comparable $merged | Should -Be (Get-Comparable $local)
    }

    It 'resumes a sweep whose task was killed: resubmitted, the killed task runs and the finished ones do nothing' {
        if ($cluster.Skip) { Set-ItResult -Skipped -Because $cluster.Skip; return }
        # Tasks 2 and 3 train for a few seconds, long enough to be killed while they do.
        $grid = @{ HiddenLayers = 4; Epochs = 20, 12000 }
        $plan = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 2 -Seed 8 -PlanPath (Join-Path $cluster.JobsFolder 'killed')
        $jobId = Submit-Plan $plan
        $LASTEXITCODE | Should -Be 0
        $log = Join-Path $plan.PlanPath 'logs/3.log'
        Wait-TestSlurm -TimeoutSeconds 120 -What 'task 3 to start training' -Until { (Test-Path $log) -and (Get-Content $log -Raw) -match 'Task 3, from' } | Out-Null
        scancel "${jobId}_3"
        Wait-TestSlurm -TimeoutSeconds 60 -What 'the array to end' -Until { -not (& (Get-SlurmTool squeue) -h -o '%i' 2>$null) } | Out-Null
        $results = Join-Path $plan.PlanPath 'results'
        Join-Path $results '3.json' | Should -Not -Exist
        $before = 0..2 | ForEach-Object { Get-Content (Join-Path $results "$_.json") -Raw }

        Submit-Plan $plan -Wait
        $LASTEXITCODE | Should -Be 0
        (0..2 | ForEach-Object { Get-Content (Join-Path $results "$_.json") -Raw }) | Should -Be $before
        Get-Content (Join-Path $plan.PlanPath 'logs/1.log') -Raw | Should -Match 'has its result already'
        Join-Path $results '3.json' | Should -Exist
        $local = Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid $grid -Folds 2 -Seed 8
        Get-Comparable (Get-NetworkExperimentResult -PlanPath $plan.PlanPath) | Should -Be (Get-Comparable $local)
    }
}
