# Brings up a private single-node Slurm cluster on localhost (its own munged, slurmctld and slurmd,
# every file under one folder), so Pester can test job arrays against a real scheduler. Dot-source it
# and call Start-TestSlurmCluster / Stop-TestSlurmCluster. Needs root and Debian's slurmctld, slurmd
# and munge (.ci/run installs them); elsewhere Start-TestSlurmCluster returns a reason to skip.
#
# What the setup has to get right, and why (found by trying it on Debian 12, Slurm 22.05):
# - munged refuses a socket folder without execute permission for all ("Socket is inaccessible")
#   and a key that group or others may read ("Keyfile is insecure"); so the key (0600) lives in a
#   0700 folder and the socket in a 0755 one. A Unix socket path may not exceed 107 bytes, which
#   limits how deep the folder can be.
# - Every daemon and client finds the private munged through AuthInfo=socket=..., and the cluster
#   through SLURM_CONF, which is set in this process while the cluster runs (sbatch passes it on to
#   the jobs, slurmd to its slurmstepd).
# - SlurmUser=root and SlurmdUser=root: the daemons run as root, so the state, spool and log folders
#   need no slurm owner. SlurmdSpoolDir must exist before slurmd starts.
# - No cgroups, which a container seldom has whole: with proctrack/cgroup in a sandbox lacking the
#   freezer controller, slurmd starts and the node shows idle, but the first job never runs
#   ("cannot create proctrack context") and the node drains. proctrack/linuxproc follows a task's
#   processes by parentage, task/none binds nothing, jobacct_gather/none gathers nothing.
# - Private ports on loopback, so a real cluster's 6817/6818 or a second test run do not clash.
#   Without CommunicationParameters the daemons listen on every address.
# - sbatch --wait first polls after 2 s and then multiplies its pause by 4 while the pause is under
#   MinJobAge/2 (2, 10, 42, 74 s with the default 300); MinJobAge=4 keeps it polling every 2 s,
#   and a finished job's record still lives for 4 s or more, long enough for that poll to see it.
# - batch_sched_delay=0: by default a batch job waits up to 3 s to be scheduled.
# - KillWait=5: scancel's SIGKILL follows its SIGTERM after 5 s, not 30.

function Test-SlurmAvailable {
    # $null when a test cluster can start here; otherwise why not, as a sentence.
    if (-not $IsLinux) { return 'Slurm tests run on Linux CI only.' }
    if ((id -u) -ne '0') { return 'Slurm tests need root to run their own munged, slurmctld and slurmd.' }
    foreach ($tool in 'munged', 'mungekey', 'slurmctld', 'slurmd', 'sbatch', 'scontrol', 'scancel', 'squeue', 'sinfo') {
        if (-not (Get-SlurmTool $tool)) {
            return "'$tool' is not installed (apt-get install --no-install-recommends slurmctld slurmd munge)."
        }
    }
    $null
}

function Start-TestSlurmCluster {
    param(
        # Folder for the cluster's key, sockets, state, spool, logs and configuration.
        [Parameter(Mandatory)] [string] $Root,
        # How long the node may take to become idle.
        [int] $TimeoutSeconds = 30
    )
    $reason = Test-SlurmAvailable
    if ($reason) { return [pscustomobject]@{ Skip = $reason } }
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $Root = [System.IO.Path]::GetFullPath($Root)
    $folders = @{}
    foreach ($name in 'key', 'run', 'state', 'spool', 'log', 'jobs') {
        $folders[$name] = Join-Path $Root $name
        New-Item -ItemType Directory -Path $folders[$name] -Force | Out-Null
    }
    chmod 700 $folders.key
    chmod 755 $Root $folders.run
    $socket = Join-Path $folders.run 'munge.socket'
    if ([System.Text.Encoding]::UTF8.GetByteCount("$socket.lock") -gt 107) {
        throw "The folder '$Root' is too deep for a Unix socket path (at most 107 bytes); give Start-TestSlurmCluster a shorter -Root."
    }
    $node = (hostname -s).Trim()
    $cluster = [pscustomobject]@{
        Skip = $null
        Root = $Root
        Node = $node
        Partition = 'test'
        ConfigPath = Join-Path $Root 'slurm.conf'
        MungeSocket = $socket
        JobsFolder = $folders.jobs
        LogFolder = $folders.log
        PidFiles = [ordered]@{
            slurmd = Join-Path $folders.run 'slurmd.pid'
            slurmctld = Join-Path $folders.run 'slurmctld.pid'
            munged = Join-Path $folders.run 'munged.pid'
        }
        PreviousSlurmConf = $env:SLURM_CONF
        StartSeconds = $null
        Stopped = $false
    }
    try {
        $key = Join-Path $folders.key 'munge.key'
        & (Get-SlurmTool mungekey) --create --keyfile $key
        if ($LASTEXITCODE -ne 0) { throw "mungekey could not create '$key' (exit code $LASTEXITCODE)." }
        & (Get-SlurmTool munged) "--key-file=$key" "--socket=$socket" "--pid-file=$($cluster.PidFiles.munged)" `
            "--log-file=$(Join-Path $folders.log 'munged.log')" "--seed-file=$(Join-Path $folders.key 'munged.seed')"
        if ($LASTEXITCODE -ne 0) { throw "munged did not start (exit code $LASTEXITCODE); see $(Join-Path $folders.log 'munged.log')." }

        $controllerPort, $nodePort = Get-FreeLoopbackPort 2
        $cpus = [int](nproc)
        $memoryMB = [long]((Get-Content /proc/meminfo -TotalCount 1) -replace '\D', '') / 1024
        # Half the machine's memory, at most 4 GB: slurmd drains a node that has less than
        # configured, and the controller refuses a job asking more (sbatch --mem=2G needs 2048 here).
        $realMemory = [long][Math]::Max(1, [Math]::Min(4096, [Math]::Floor($memoryMB / 2)))
        Set-Content -Path $cluster.ConfigPath -Value @"
# A private test cluster; written by tests/tools/Slurm.ps1.
ClusterName=nntest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$controllerPort
SlurmdPort=$nodePort
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$($folders.state)
SlurmdSpoolDir=$($folders.spool)
SlurmctldPidFile=$($cluster.PidFiles.slurmctld)
SlurmdPidFile=$($cluster.PidFiles.slurmd)
SlurmctldLogFile=$(Join-Path $folders.log 'slurmctld.log')
SlurmdLogFile=$(Join-Path $folders.log 'slurmd.log')
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
MailProg=/bin/true
SchedulerType=sched/builtin
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=4
KillWait=5
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$realMemory State=UNKNOWN
PartitionName=$($cluster.Partition) Nodes=$node Default=YES MaxTime=INFINITE State=UP
"@
        $env:SLURM_CONF = $cluster.ConfigPath
        & (Get-SlurmTool slurmctld) -f $cluster.ConfigPath
        if ($LASTEXITCODE -ne 0) { throw "slurmctld did not start (exit code $LASTEXITCODE)." }
        & (Get-SlurmTool slurmd) -f $cluster.ConfigPath -N $node
        if ($LASTEXITCODE -ne 0) { throw "slurmd did not start (exit code $LASTEXITCODE)." }
        # The node is usable once slurmd has registered and the controller calls it idle; 'idle*'
        # (not responding) or 'drained' would mean the setup is wrong, and the timeout says so.
        $state = Wait-TestSlurm -TimeoutSeconds $TimeoutSeconds -What "node $node to become idle" -Until {
            $s = & (Get-SlurmTool sinfo) -h -N -n $node -o '%T' 2>$null
            if ($s -eq 'idle') { $s }
        }
        $null = $state
        $cluster.StartSeconds = $clock.Elapsed.TotalSeconds
        $cluster
    } catch {
        $logs = Get-ChildItem $folders.log -File -ErrorAction SilentlyContinue |
            ForEach-Object { "--- $($_.Name)`n" + ((Get-Content $_.FullName -Tail 15) -join "`n") }
        Stop-TestSlurmCluster $cluster
        throw "The test Slurm cluster did not start: $($_.Exception.Message)`n$($logs -join "`n")"
    }
}

function Stop-TestSlurmCluster($Cluster) {
    # Cancels every job, stops slurmd, slurmctld and munged, and ends any process still carrying
    # this cluster's SLURM_CONF or folder (a job step that outlived its job). Safe to call twice.
    if (-not $Cluster -or $Cluster.Skip -or $Cluster.Stopped) { return }
    $scontrol = Get-SlurmTool scontrol
    if (Test-ProcessFromPidFile $Cluster.PidFiles.slurmctld) {
        # By array task ("17_1", "17_[2-5]"): scancel refuses the numeric id slurmctld gives a
        # started array task ("invalid JobId") once the array's own record has no task pending.
        $jobs = @(& (Get-SlurmTool squeue) -h -o '%i' 2>$null)
        if ($jobs) {
            & (Get-SlurmTool scancel) @jobs 2>$null
            try {
                Wait-TestSlurm -TimeoutSeconds 15 -What 'the jobs to end' -Until { if (-not (& (Get-SlurmTool squeue) -h -o '%i' 2>$null)) { $true } } | Out-Null
            } catch { Write-Warning $_.Exception.Message }
        }
        & $scontrol shutdown 2>$null | Out-Null
    }
    foreach ($daemon in 'slurmd', 'slurmctld') {
        Stop-FromPidFile $Cluster.PidFiles[$daemon] -Name $daemon
    }
    if (Test-ProcessFromPidFile $Cluster.PidFiles.munged) {
        & (Get-SlurmTool munged) "--socket=$($Cluster.MungeSocket)" --stop 2>$null | Out-Null
    }
    Stop-FromPidFile $Cluster.PidFiles.munged -Name munged
    foreach ($leftover in Get-TestSlurmProcess $Cluster) {
        Write-Warning "Ending process $($leftover.Id) ($($leftover.Command)), left behind by the test Slurm cluster."
        Stop-Process -Id $leftover.Id -Force -ErrorAction SilentlyContinue
    }
    if ($env:SLURM_CONF -eq $Cluster.ConfigPath) { $env:SLURM_CONF = $Cluster.PreviousSlurmConf }
    $Cluster.Stopped = $true
}

function Get-TestSlurmProcess($Cluster) {
    # Processes of this cluster: those whose command line names its folder (the daemons) or whose
    # environment holds its SLURM_CONF (slurmstepd and the jobs). This PowerShell and its ancestors
    # are left out: SLURM_CONF may be in their environment too.
    $mine = [System.Collections.Generic.HashSet[int]]::new()
    for ($p = $PID; $p -gt 1; $p = Get-ParentId $p) { [void] $mine.Add($p) }
    $marker = "SLURM_CONF=$($Cluster.ConfigPath)"
    foreach ($dir in [System.IO.Directory]::GetDirectories('/proc')) {
        $id = 0
        if (-not [int]::TryParse([System.IO.Path]::GetFileName($dir), [ref] $id) -or $mine.Contains($id)) { continue }
        try {
            $command = [System.IO.File]::ReadAllText("$dir/cmdline").Replace([char]0, ' ').Trim()
            $environment = [System.IO.File]::ReadAllText("$dir/environ").Split([char]0)
        } catch { continue }   # ended while we looked, or a kernel thread
        if ($command.Contains($Cluster.Root) -or $environment -contains $marker) {
            [pscustomobject]@{ Id = $id; Command = $command }
        }
    }
}

function Get-TestSlurmJobState([string] $JobId) {
    # State of one job or array task ("17_1"): PENDING, RUNNING, COMPLETED, CANCELLED, FAILED...;
    # $null once the controller has forgotten it (MinJobAge after it ended).
    $line = & (Get-SlurmTool scontrol) show job $JobId -o 2>$null
    if ($LASTEXITCODE -eq 0 -and "$line" -match 'JobState=(\S+)') { $Matches[1] }
}

function Wait-TestSlurm([int] $TimeoutSeconds, [string] $What, [scriptblock] $Until) {
    # Polls $Until every 100 ms until it returns something; throws after the timeout.
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    while ($clock.Elapsed.TotalSeconds -lt $TimeoutSeconds) {
        $value = & $Until
        if ($value) { return $value }
        Start-Sleep -Milliseconds 100
    }
    throw "Timed out after $TimeoutSeconds s waiting for $What."
}

function Get-SlurmTool([string] $Name) {
    # Daemons live in /usr/sbin, which a non-login PATH may lack.
    $command = Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($command) { return $command.Source }
    foreach ($folder in '/usr/sbin', '/usr/bin') { if (Test-Path "$folder/$Name") { return "$folder/$Name" } }
    $null
}

function Get-FreeLoopbackPort([int] $Count) {
    # Listens on port 0 to let the kernel choose, all at once so the ports differ, then frees them.
    $listeners = @(1..$Count | ForEach-Object {
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $l.Start(); $l })
    $ports = $listeners | ForEach-Object { $_.LocalEndpoint.Port }
    $listeners | ForEach-Object { $_.Stop() }
    $ports
}

function Get-ParentId([int] $Id) {
    try { [int](([System.IO.File]::ReadAllText("/proc/$Id/stat") -replace '^.*\)\s+\S+\s+(\d+).*$', '$1')) } catch { 0 }
}

function Read-PidFile([string] $PidFile) {
    # The process id in a daemon's pid file, or 0. Read in one step, never after a Test-Path: a
    # daemon removes its pid file as it shuts down, which can fall between the two.
    try { $text = [System.IO.File]::ReadAllText($PidFile) } catch { return 0 }
    $id = 0
    if ([int]::TryParse($text.Trim(), [ref] $id)) { $id } else { 0 }
}

function Test-ProcessFromPidFile([string] $PidFile) {
    $id = Read-PidFile $PidFile
    $id -gt 0 -and (Test-ProcessAlive $id)
}

function Test-ProcessAlive([int] $Id) {
    # A zombie (state Z) has ended; it only waits for its parent to collect it.
    try { -not ([System.IO.File]::ReadAllText("/proc/$Id/stat") -match '\)\s+Z\s') } catch { $false }
}

function Stop-FromPidFile([string] $PidFile, [string] $Name) {
    # Waits up to 10 s for the daemon to end by itself (after scontrol shutdown or munged --stop),
    # then sends SIGTERM, then SIGKILL.
    $id = Read-PidFile $PidFile
    if ($id -le 0 -or -not (Test-ProcessAlive $id)) { return }
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    while ((Test-ProcessAlive $id) -and $clock.Elapsed.TotalSeconds -lt 10) { Start-Sleep -Milliseconds 100 }
    if (Test-ProcessAlive $id) {
        Write-Warning "$Name (process $id) did not stop by itself within 10 s; ending it."
        kill -TERM $id 2>$null
        Start-Sleep -Seconds 2
        if (Test-ProcessAlive $id) { kill -KILL $id 2>$null }
    }
}
