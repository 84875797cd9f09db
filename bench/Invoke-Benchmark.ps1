<#
.SYNOPSIS
    The benchmark behind build.ps1 -Task Bench: our workloads W1–W4, the same workloads in numpy,
    scikit-learn and PyTorch when Debian's python3 packages are installed, and one table of times
    and ratios. Times are medians of several runs after a warm-up; ratios compare runs made side by
    side in this one invocation (this machine's speed drifts too much to compare across runs).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Runs = 3,
    # Comma-separated when passed through -File from build.ps1.
    [string[]] $Workload = @('W1', 'W2', 'W3', 'W4'),
    [switch] $SkipAnchors
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module $ModulePath
$root = Split-Path $PSScriptRoot
$data = Join-Path $root 'examples/data'
$scratch = Join-Path $root 'artifacts/bench'
New-Item -ItemType Directory -Path $scratch -Force | Out-Null
$rows = [Collections.Generic.List[object]]::new()
$Workload = @($Workload | ForEach-Object { $_ -split ',' } | ForEach-Object Trim)

function Measure-Median([scriptblock] $Work, [int] $Count = $Runs) {
    & $Work | Out-Null   # warm-up
    $result = $null
    $times = @(foreach ($i in 1..$Count) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $result = & $Work
        $clock.Stop()
        $clock.Elapsed.TotalSeconds
    })
    [pscustomobject]@{ Seconds = ($times | Sort-Object)[[int][math]::Floor(($times.Count - 1) / 2)]; Result = $result }
}

# The speed-up is the anchor's time over ours, unless a better-founded -Ratio is given (W1's paired median).
function Add-Row($Workload, $Scale, $Ours, $Anchor = $null, $AnchorSeconds = $null, $Target = $null, $Note = '', $Ratio = $null) {
    $ratio = if ($null -ne $Ratio) { $Ratio } elseif ($AnchorSeconds) { $AnchorSeconds / $Ours } else { $null }
    $rows.Add([pscustomobject]@{
        Workload = $Workload; Scale = $Scale; 'Ours (s)' = [math]::Round($Ours, 4); Anchor = $Anchor
        'Anchor (s)' = if ($AnchorSeconds) { [math]::Round($AnchorSeconds, 4) } else { $null }
        'Speed-up' = if ($ratio) { [math]::Round($ratio, 1) } else { $null }; Target = $Target; Note = $Note
    })
}

# The command that runs a program on one core (taskset), or nothing where there is none.
function Get-CorePrefix([int] $Core) {
    if ($Core -lt 0) { return @() }
    $taskset = Get-Command taskset -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($taskset) { @($taskset.Source, '-c', "$Core") } else { @() }
}

function Invoke-Anchor([string[]] $Arguments) {
    if ($SkipAnchors) { return @() }
    $python = '/usr/bin/python3'
    if (-not (Test-Path $python)) { return @() }
    $env:OMP_WAIT_POLICY = 'PASSIVE'
    $env:BENCH_RUNS = "$Runs"
    $lines = & $python (Join-Path $PSScriptRoot 'anchors.py') @Arguments 2>$null
    if ($LASTEXITCODE -ne 0) { Write-Warning "The anchor '$($Arguments -join ' ')' failed (python modules missing?)."; return @() }
    @($lines | Where-Object { $_ -like '{*' } | ForEach-Object { $_ | ConvertFrom-Json })
}

function Invoke-Child([string[]] $Arguments) {
    $json = & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Measure-Workload.ps1') -ModulePath $ModulePath -Runs $Runs @Arguments
    if ($LASTEXITCODE -ne 0) { throw "Measure-Workload.ps1 $($Arguments -join ' ') failed." }
    $json | Select-Object -Last 1 | ConvertFrom-Json
}

# A long-lived child process pinned to a core (where taskset exists), talked to a line at a time.
function Start-Server([string] $Program, [string[]] $Arguments, [int] $Core) {
    $command = @(Get-CorePrefix $Core) + $Program + $Arguments
    $info = [Diagnostics.ProcessStartInfo]::new($command[0])
    foreach ($argument in ($command | Select-Object -Skip 1)) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $info.Environment['OMP_WAIT_POLICY'] = 'PASSIVE'
    [Diagnostics.Process]::Start($info)
}

function Invoke-Server([Diagnostics.Process] $Server, [string] $Request, [string] $Name) {
    $Server.StandardInput.WriteLine($Request)
    $Server.StandardInput.Flush()
    while ($null -ne ($line = $Server.StandardOutput.ReadLine())) {
        if ($line -match '^\s*[\{\d]') { return $line }
    }
    throw "The $Name process ended without answering '$Request'."
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count % 2) { $sorted[($sorted.Count - 1) / 2] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

# W1: the tutorial, 10,000 full-batch updates of a 3-4-1 sigmoid network (and on 10× / 100× the rows).
# Both sides are single-threaded, and this machine's cores change speed by up to 2× within seconds (from
# the host), so a ratio of two measurements taken apart says more about the host than about the code.
# Ours and numpy therefore run as two processes pinned to the same core that take turns, numpy, ours,
# numpy, ours, …, numpy: each of ours is compared with the numpy runs just before and after it, and the
# speed-up is the median of those paired ratios.
if ('W1' -in $Workload) {
    $core = [Environment]::ProcessorCount - 1
    $pinned = (Get-CorePrefix $core).Count -gt 0
    $ourServer = Start-Server 'dotnet' @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Measure-Workload.ps1'),
        '-Workload', 'W1', '-Serve', '-ModulePath', $ModulePath, '-Runs', "$Runs") $core
    $numpyServer = if (-not $SkipAnchors -and (Test-Path '/usr/bin/python3')) { Start-Server '/usr/bin/python3' @((Join-Path $PSScriptRoot 'anchors.py'), 'w1-serve') $core }
    try {
        foreach ($scale in 1, 10, 100) {
            $rounds = if ($scale -eq 1) { 2 * $Runs + 1 } else { $Runs }
            $numpy = [Collections.Generic.List[double]]::new()
            $ours = [Collections.Generic.List[double]]::new()
            $ratios = [Collections.Generic.List[double]]::new()
            if ($numpyServer) {
                try { $numpy.Add([double](Invoke-Server $numpyServer "$scale" 'numpy')) }
                catch { Write-Warning "The numpy anchor failed (python3-numpy missing?): $_"; $numpyServer = $null }
            }
            foreach ($round in 1..$rounds) {
                $ours.Add((Invoke-Server $ourServer "$scale" 'PowerShell' | ConvertFrom-Json).Seconds)
                if ($numpyServer) {
                    $numpy.Add([double](Invoke-Server $numpyServer "$scale" 'numpy'))
                    $ratios.Add(($numpy[$numpy.Count - 2] + $numpy[$numpy.Count - 1]) / 2 / $ours[$ours.Count - 1])
                }
            }
            $oursSeconds = Get-Median $ours
            $target = if ($scale -eq 1) { '≥ 100×' }
            if ($ratios.Count -eq 0) {
                Add-Row 'W1 tutorial 3-4-1' "$($scale)× rows" $oursSeconds -Target $target
                continue
            }
            $note = 'median of {0} paired rounds{1}; speed-ups {2:F0}× to {3:F0}×' -f $rounds, $(if ($pinned) { ", both on core $core" }),
                ($ratios | Measure-Object -Minimum).Minimum, ($ratios | Measure-Object -Maximum).Maximum
            Add-Row 'W1 tutorial 3-4-1' "$($scale)× rows" $oursSeconds 'numpy' (Get-Median $numpy) $target $note -Ratio (Get-Median $ratios)
        }
    }
    finally {
        foreach ($server in $ourServer, $numpyServer) {
            if ($server) {
                $server.StandardInput.Close()
                if (-not $server.WaitForExit(10000)) { $server.Kill() }
            }
        }
    }
}

# W2: digits, every 4th row held out, 64-64-10 ReLU/softmax, Adam 1e-3, batch 32, 50 epochs, from Import-Csv rows.
if ('W2' -in $Workload) {
    $digits = Import-Csv (Join-Path $data 'digits.csv')
    $train = for ($i = 0; $i -lt $digits.Count; $i++) { if ($i % 4 -ne 3) { $digits[$i] } }
    $test = for ($i = 0; $i -lt $digits.Count; $i++) { if ($i % 4 -eq 3) { $digits[$i] } }
    $anchors = Invoke-Anchor 'w2'
    $m = Measure-Median {
        $net = New-NeuralNetwork -HiddenLayers 64 -Activation ReLU -Seed 0
        $train | Invoke-NetworkTraining -Network $net -Target digit -Optimizer Adam -LearningRate 0.001 -BatchSize 32 -Epochs 50
    }
    $accuracy = ($test | Test-NeuralNetwork -Network $m.Result).Accuracy
    $sk = $anchors | Where-Object { $_.anchor -eq 'scikit-learn' -and $_.scale -eq 1 }
    Add-Row 'W2 digits 64-64-10' '1×, 50 epochs' $m.Seconds 'scikit-learn' $sk.seconds '≥ 3×, acc ≥ 0.97' ('accuracy {0:F3} (scikit-learn {1:F3})' -f $accuracy, $sk.accuracy)
    $pt = $anchors | Where-Object { $_.anchor -eq 'PyTorch float64' }
    if ($pt) { Add-Row 'W2 digits 64-64-10' '1×, 50 epochs' $m.Seconds 'PyTorch float64' $pt.seconds $null ('accuracy {0:F3}' -f $pt.accuracy) }
    foreach ($scale in 10, 100) {
        $big = foreach ($i in 1..$scale) { $train }
        $m = Measure-Median { New-NeuralNetwork -HiddenLayers 64 -Activation ReLU -Seed 0 | Invoke-NetworkTraining -InputObject $big -Target digit -Optimizer Adam -LearningRate 0.001 -BatchSize 32 -Epochs 1 } -Count 1
        $sk = $anchors | Where-Object { $_.anchor -eq 'scikit-learn' -and $_.scale -eq $scale }
        Add-Row 'W2 digits 64-64-10' "$($scale)× rows, 1 epoch" $m.Seconds 'scikit-learn' $sk.seconds
    }
}

# W3: 60,000 × 784 synthetic, 784-256-10 ReLU/softmax, SGD 0.01, batch 128, one epoch, from matrices (and 1/100, 1/10 of the rows);
# then in single precision.
if ('W3' -in $Workload) {
    $float32 = $null
    foreach ($rowsW3 in 600, 6000, 60000) {
        $ours = Invoke-Child '-Workload', 'W3', '-Rows', "$rowsW3"
        $scale = '{0}×' -f ($rowsW3 / 60000)
        foreach ($dtype in 'float64', 'float32') {
            if ($rowsW3 -ne 60000 -and $dtype -eq 'float32') { continue }
            $pt = Invoke-Anchor 'w3', $dtype, "$rowsW3"
            if ($dtype -eq 'float32') { $float32 = $pt }
            $target = if ($rowsW3 -eq 60000 -and $dtype -eq 'float64') { '≥ 1×' }
            $note = if ($rowsW3 -eq 60000 -and $dtype -eq 'float64') { 'peak {0:N0} MB above baseline (input {1:N0} MB, target ≤ {2:N0} MB); PyTorch process peak {3:N0} MB' -f $ours.PeakMB, $ours.InputMB, ($ours.InputMB * 1.5 + $ours.ParameterCount * 8 / 1MB), $pt.peak_mb } else { '' }
            Add-Row 'W3 784-256-10 SGD' $scale $ours.Seconds "PyTorch $dtype" $pt.seconds $target $note
        }
        if ($SkipAnchors -or -not (Test-Path '/usr/bin/python3')) { Add-Row 'W3 784-256-10 SGD' $scale $ours.Seconds -Note ('peak {0:N0} MB, input {1:N0} MB' -f $ours.PeakMB, $ours.InputMB) }
    }
    # The same at full size with -Precision Single (float32 products), against PyTorch float32.
    $single = Invoke-Child '-Workload', 'W3', '-Rows', '60000', '-Precision', 'Single'
    $pt = $float32
    $note = 'loss {0:G6} (Double {1:G6}); peak {2:N0} MB above baseline' -f $single.Loss, $ours.Loss, $single.PeakMB
    if ($pt) { Add-Row 'W3 784-256-10 SGD Single' '1×' $single.Seconds 'PyTorch float32' $pt.seconds '≥ 1×' $note }
    else { Add-Row 'W3 784-256-10 SGD Single' '1×' $single.Seconds -Note $note }
}

# W4: CSV ingest, 1,000,000 rows × 20 numeric columns (+ target) through -Path, with one cheap epoch.
if ('W4' -in $Workload) {
    $csv = Join-Path $scratch 'ingest-1m.csv'
    if (-not (Test-Path $csv)) {
        Add-Type -Path (Join-Path $PSScriptRoot 'BenchData.cs')
        [BenchData]::IngestCsv($csv, 1000000, 0)
    }
    $ours = Invoke-Child '-Workload', 'W4', '-Rows', '1000000', '-CsvPath', $csv
    $rate = 1000000 / $ours.Seconds
    Add-Row 'W4 CSV ingest 1M × 20' '1×' $ours.Seconds -Target '≥ 500k rows/s' -Note ('{0:N0} rows/s; file {1:N0} MB; peak {2:N0} MB above baseline' -f $rate, $ours.InputMB, $ours.PeakMB)
}

$cpu = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
"Benchmark {0:yyyy-MM-dd HH:mm} UTC; {1} cores ({2}); .NET {3}; PowerShell {4}; median of {5} runs" -f [datetime]::UtcNow, [Environment]::ProcessorCount, $cpu, [Environment]::Version, $PSVersionTable.PSVersion, $Runs
# PowerShell shows doubles in tables with two decimals, which would print W1's milliseconds as 0.01.
$seconds = { param($value) if ($null -ne $value) { $value.ToString('0.0000', [cultureinfo]::InvariantCulture) } }
$rows | Format-Table -AutoSize Workload, Scale,
    @{ n = 'Ours (s)'; e = { & $seconds $_.'Ours (s)' }; a = 'Right' }, Anchor,
    @{ n = 'Anchor (s)'; e = { & $seconds $_.'Anchor (s)' }; a = 'Right' },
    @{ n = 'Speed-up'; e = { if ($null -ne $_.'Speed-up') { '{0:0.0}×' -f $_.'Speed-up' } }; a = 'Right' }, Target, Note | Out-String -Width 220
$rows | ConvertTo-Json | Set-Content (Join-Path $scratch 'bench.json')
