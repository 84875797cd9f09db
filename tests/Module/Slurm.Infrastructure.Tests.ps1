# The private Slurm cluster that the plan tests run on (tests/tools/Slurm.ps1): it starts, runs a job
# array to the end with --wait, reruns one cancelled task by itself, and stops without leaving a
# process behind. Skipped, saying why, where Slurm cannot run.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../tools/Slurm.ps1')
    $cluster = Start-TestSlurmCluster -Root (Join-Path $TestDrive 'slurm')

    # A task writes result-<index>.txt (through a temporary name, so a killed task leaves no result)
    # after start-<index>.txt and, where the index is listed in $HOLD, once the file 'release' exists.
    function New-TaskScript([string] $Folder) {
        $script = Join-Path $Folder 'task.sh'
        Set-Content $script @'
#!/bin/bash
i=$SLURM_ARRAY_TASK_ID
echo "$SLURM_ARRAY_JOB_ID" > "$OUT/start-$i.txt"
if [[ " $HOLD " == *" $i "* ]]; then
  while [ ! -e "$OUT/release" ]; do sleep 0.1; done
fi
echo "task $i of job $SLURM_ARRAY_JOB_ID" > "$OUT/.result-$i.tmp"
mv "$OUT/.result-$i.tmp" "$OUT/result-$i.txt"
'@
        chmod 755 $script
        $script
    }

    function New-JobFolder([string] $Name) {
        $folder = Join-Path $cluster.JobsFolder $Name
        New-Item -ItemType Directory -Path $folder | Out-Null
        $folder
    }
}

AfterAll {
    Stop-TestSlurmCluster $cluster
}

Describe 'A private single-node Slurm cluster' {
    It 'runs a two-task array to the end with sbatch --wait' {
        if ($cluster.Skip) { Set-ItResult -Skipped -Because $cluster.Skip; return }
        $out = New-JobFolder 'array'
        $script = New-TaskScript $out
        sbatch --array=0-1 --wait --quiet "--export=ALL,OUT=$out,HOLD=" "--output=$out/%A_%a.log" $script
        $LASTEXITCODE | Should -Be 0
        Get-Content (Join-Path $out 'result-0.txt') | Should -Match '^task 0 of job \d+$'
        Get-Content (Join-Path $out 'result-1.txt') | Should -Match '^task 1 of job \d+$'
    }

    It 'cancels one task of an array with scancel, and reruns that index alone' {
        if ($cluster.Skip) { Set-ItResult -Skipped -Because $cluster.Skip; return }
        $out = New-JobFolder 'cancel'
        $script = New-TaskScript $out
        $jobId = sbatch --array=0-1 --parsable "--export=ALL,OUT=$out,HOLD=1" "--output=$out/%A_%a.log" $script
        $LASTEXITCODE | Should -Be 0
        Wait-TestSlurm -TimeoutSeconds 60 -What 'task 1 to start' -Until { Test-Path (Join-Path $out 'start-1.txt') } | Out-Null
        scancel "${jobId}_1"
        Wait-TestSlurm -TimeoutSeconds 30 -What 'task 1 to be cancelled' -Until { (Get-TestSlurmJobState "${jobId}_1") -eq 'CANCELLED' } | Out-Null
        Wait-TestSlurm -TimeoutSeconds 60 -What 'task 0 to finish' -Until { Test-Path (Join-Path $out 'result-0.txt') } | Out-Null
        Join-Path $out 'result-1.txt' | Should -Not -Exist

        Set-Content (Join-Path $out 'release') ''
        sbatch --array=1 --wait --quiet "--export=ALL,OUT=$out,HOLD=1" "--output=$out/%A_%a.log" $script
        $LASTEXITCODE | Should -Be 0
        Get-Content (Join-Path $out 'result-1.txt') | Should -Match '^task 1 of job \d+$'
        (Get-Content (Join-Path $out 'result-1.txt')) | Should -Not -Be "task 1 of job $jobId"
    }

    It 'stops without leaving a process behind' {
        if ($cluster.Skip) { Set-ItResult -Skipped -Because $cluster.Skip; return }
        Stop-TestSlurmCluster $cluster
        @(Get-TestSlurmProcess $cluster) | Should -BeNullOrEmpty
        $env:SLURM_CONF | Should -Not -Be $cluster.ConfigPath
    }
}
