# Wall time of one sweep (digits, 24 configurations x 3 folds, 30 epochs) run four ways: here, over two
# loopback SSH sessions, as a Slurm array of one task per element, and as a Slurm array of blocks of 8
# tasks; how long the runs themselves trained; and whether all four give the same scores. The README's table under 'Experiments at any scale'
# comes from it. Needs root with sshd, slurmctld, slurmd and munge (as the tests do); run it alone:
#   flock -x /tmp/nn-cpu.lock dotnet pwsh ./bench/Measure-Sweep.ps1 -Module ./out/NeuralNet/NeuralNet.psd1
param(
    [Parameter(Mandatory)] [string] $Module,
    # Where the cluster, the SSH server and the plans keep their files (short: it holds a Unix socket).
    [string] $Work = '/tmp/nn-sweep-bench'
)
$ErrorActionPreference = 'Stop'
$Module = (Resolve-Path $Module).Path
$repo = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
Import-Module $Module
. (Join-Path $repo 'tests/tools/Slurm.ps1')
. (Join-Path $repo 'tests/tools/LoopbackSsh.ps1')
if (Test-Path $Work) { Remove-Item -Recurse -Force $Work }
New-Item -ItemType Directory -Path $Work | Out-Null

$digits = Join-Path $repo 'examples/data/digits.csv'
$grid = @{ HiddenLayers = 16, 32, 64; LearningRate = 0.001, 0.003, 0.01, 0.03; L2 = 0, 0.0001 }
$sweep = @{ Path = $digits; Target = 'digit'; ParameterGrid = $grid; Folds = 3; Epochs = 30; Seed = 1 }
function Get-Scores($Results) { ($Results | ForEach-Object { $_.Scores -join ',' }) -join ';' }
$rows = [System.Collections.Generic.List[object]]::new()
function Add-Row($Where, $Seconds, $Results) {
    # Training: the runs' own durations summed (a configuration's Duration is its folds'), without starting PowerShell.
    $training = ($Results | ForEach-Object { $_.Duration.TotalSeconds } | Measure-Object -Sum).Sum
    $rows.Add([pscustomobject]@{ Where = $Where; Seconds = [Math]::Round($Seconds, 1); TrainingSeconds = [Math]::Round($training, 1); SameScores = (Get-Scores $Results) -eq $script:expected })
}

$clock = [System.Diagnostics.Stopwatch]::StartNew()
$local = Invoke-NetworkExperiment @sweep -ThrottleLimit 2
$script:expected = Get-Scores $local
Add-Row 'here, -ThrottleLimit 2' $clock.Elapsed.TotalSeconds $local

$ssh = Start-LoopbackSsh -Folder (Join-Path $Work 'ssh') -RepoRoot $repo
try {
    if ($ssh.Skip) { Write-Warning "No SSH row: $($ssh.Skip)" }
    else {
        $sessions = @(New-LoopbackSession $ssh; New-LoopbackSession $ssh)
        $clock.Restart()
        $remote = Invoke-NetworkExperiment @sweep -Session $sessions
        Add-Row 'two loopback SSH sessions' $clock.Elapsed.TotalSeconds $remote
        $sessions | Remove-PSSession
    }
} finally { Stop-LoopbackSsh $ssh }

$cluster = Start-TestSlurmCluster -Root (Join-Path $Work 'slurm')
try {
    if ($cluster.Skip) { Write-Warning "No Slurm rows: $($cluster.Skip)" }
    else {
        $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $launch = "'$self'"
        if ([System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { $launch += " '$(Join-Path (Split-Path ([psobject].Assembly.Location)) 'pwsh.dll')'" }
        # One task per element (the index from SLURM_ARRAY_TASK_ID), or a block of 8 run one at a time.
        $task = Join-Path $Work 'task.ps1'
        Set-Content $task @'
param([string] $Module, [string] $Plan, [switch] $Block)
Import-Module $Module
if (-not $Block) { Invoke-NetworkExperiment -PlanPath $Plan; return }
$first = 8 * [int]$env:SLURM_ARRAY_TASK_ID
Invoke-NetworkExperiment -PlanPath $Plan -TaskIndex ($first..[Math]::Min($first + 7, 71)) -ThrottleLimit 1
'@
        $one = Join-Path $Work 'one.sh'
        Set-Content $one "#!/bin/bash`nexec $launch -NoLogo -NoProfile -NonInteractive -File '$task' -Module '$Module' -Plan `"`$PLAN`""
        $block = Join-Path $Work 'block.sh'
        Set-Content $block "#!/bin/bash`nexec $launch -NoLogo -NoProfile -NonInteractive -File '$task' -Module '$Module' -Plan `"`$PLAN`" -Block"
        chmod 755 $one $block
        foreach ($case in @{ Name = 'Slurm array, 72 elements of one task'; Script = $one; Array = '0-71' },
                          @{ Name = 'Slurm array, 9 elements of 8 tasks'; Script = $block; Array = '0-8' }) {
            $plan = Invoke-NetworkExperiment @sweep -PlanPath (Join-Path $cluster.JobsFolder ($case.Array -replace '\D', ''))
            $clock.Restart()
            sbatch --array=$($case.Array) --wait --quiet "--export=ALL,PLAN=$($plan.PlanPath)" "--output=$($plan.PlanPath)/%a.log" $case.Script
            if ($LASTEXITCODE -ne 0) { throw "sbatch --wait failed for '$($case.Name)' (exit code $LASTEXITCODE)." }
            Add-Row $case.Name $clock.Elapsed.TotalSeconds (Get-NetworkExperimentResult -PlanPath $plan.PlanPath)
        }
    }
} finally { Stop-TestSlurmCluster $cluster }

$rows | Format-Table -AutoSize | Out-String | Write-Host
