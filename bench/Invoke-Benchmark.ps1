<#
.SYNOPSIS
    The benchmark behind build.ps1 -Task Bench: our workloads W1–W4, the same workloads in numpy,
    scikit-learn, PyTorch and pandas when Debian's python3 packages are installed, our matrix kernels
    on the W3 shapes against numpy's (OpenBLAS), and tables of times and ratios. Times are medians of
    several runs after a warm-up; ratios compare runs made side by side in this one invocation (this
    machine's speed drifts too much to compare across runs).
    The anchors run as their users have them: the BLAS numpy and PyTorch call is named in the header
    (threadpoolctl), OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from their environment (and
    theirs alone), and no speed-up is printed against an anchor on Debian's reference BLAS.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Runs = 3,
    # Comma-separated when passed through -File from build.ps1.
    [string[]] $Workload = @('W1', 'W2', 'W3', 'W4', 'W5', 'Kernels'),
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
$kernelRows = [Collections.Generic.List[object]]::new()
$Workload = @($Workload | ForEach-Object { $_ -split ',' } | ForEach-Object Trim)
# Paired rounds: five at least for W3's full-size epochs and the kernels (the host's cores change speed
# for seconds at a time: one run of three had its W3 ratios at 1.30× to 2.07×), seven for W1 at 1×.
$pairedRounds = [math]::Max($Runs, 5)
$w1Rounds = 2 * $Runs + 1
$python = '/usr/bin/python3'
$hasAnchors = -not $SkipAnchors -and (Test-Path $python)

# Variables some environments set to steer OpenBLAS; the anchors' commands run without them.
$blasOverrides = 'OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'

function Invoke-WithoutBlasOverrides([scriptblock] $Command) {
    $saved = @{}
    foreach ($name in $blasOverrides) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    try { & $Command }
    finally { foreach ($name in $blasOverrides) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
}

# Two warm-up runs, the first timed apart (Cold): in this fresh session the runtime compiles
# PowerShell's own code again, optimised, on a background thread during the first runs, which takes the
# second core from ours (W2's first run of 50 epochs took 0.26 s, its second 0.13, the rest 0.09–0.11).
# A full collection first, as BenchmarkDotNet makes before it measures: rows just read by Import-Csv are
# young, and the collection that promotes them (half a million objects for W2's digits, a 48 ms pause)
# otherwise lands in whichever timed run next fills the young generation.
function Measure-Median([scriptblock] $Work, [int] $Count = $Runs) {
    [GC]::Collect()
    [GC]::WaitForPendingFinalizers()
    [GC]::Collect()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & $Work | Out-Null
    $cold = $clock.Elapsed.TotalSeconds
    & $Work | Out-Null
    $result = $null
    $times = @(foreach ($i in 1..$Count) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $result = & $Work
        $clock.Stop()
        $clock.Elapsed.TotalSeconds
    })
    [pscustomobject]@{ Seconds = ($times | Sort-Object)[[int][math]::Floor(($times.Count - 1) / 2)]; Result = $result; Cold = $cold }
}

# The speed-up is the anchor's time over ours, unless a better-founded -Ratio is given (W1's paired
# median). None is given against numpy, scikit-learn or PyTorch on the reference BLAS.
function Add-Row($Workload, $Scale, $Ours, $Anchor = $null, $AnchorSeconds = $null, $Target = $null, $Note = '', $Ratio = $null) {
    $ratio = if ($null -ne $Ratio) { $Ratio } elseif ($AnchorSeconds) { $AnchorSeconds / $Ours } else { $null }
    if ($script:referenceBlas -and $Anchor -match 'numpy|scikit|PyTorch') {
        $ratio = $null
        $Note = "no speed-up: $Anchor runs on the reference BLAS (apt-get install libopenblas0-pthread). $Note"
    }
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
    if (-not $hasAnchors) { return @() }
    $env:OMP_WAIT_POLICY = 'PASSIVE'
    $env:BENCH_RUNS = "$Runs"
    $lines = Invoke-WithoutBlasOverrides { & $python (Join-Path $PSScriptRoot 'anchors.py') @Arguments 2>$null }
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
    if ($Program -eq $python) { foreach ($name in $blasOverrides) { [void]$info.Environment.Remove($name) } }
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

# Which BLAS the anchors call. Debian's python3-numpy and python3-torch fall back to the reference
# libblas3 (20–60× slower than the OpenBLAS that pip wheels bundle) when libopenblas0-pthread is absent.
$script:referenceBlas = $false
$blasLine = 'anchors: none (no /usr/bin/python3 with numpy, or -SkipAnchors)'
if ($hasAnchors) {
    $blas = Invoke-Anchor 'blas' | Where-Object { $_.PSObject.Properties['what'] -and $_.what -eq 'blas' } | Select-Object -First 1
    if ($blas) {
        $optimised = @($blas.libraries | Where-Object { $_.internal_api -in 'openblas', 'mkl', 'blis' })
        $script:referenceBlas = $optimised.Count -eq 0
        $versions = 'numpy {0}, PyTorch {1}, scikit-learn {2}, pandas {3}' -f $blas.numpy, $(if ($blas.PSObject.Properties['torch']) { $blas.torch }), $(if ($blas.PSObject.Properties['sklearn']) { $blas.sklearn }), $(if ($blas.PSObject.Properties['pandas']) { $blas.pandas })
        $blasLine = if ($script:referenceBlas) {
            "BLAS of the anchors: the reference BLAS (no optimised BLAS loaded; $versions). No speed-up is printed against numpy, scikit-learn or PyTorch: install OpenBLAS with apt-get install libopenblas0-pthread."
        }
        else {
            'BLAS of the anchors (threadpoolctl): {0}; {1}; run without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE' -f (($optimised | ForEach-Object { '{0} {1} ({2}, {3})' -f $_.internal_api, $_.version, $_.threading_layer, $_.architecture }) -join ', '), $versions
        }
    }
    else {
        # No answer at all: numpy or threadpoolctl is missing, and every anchor would fail the same way.
        # Ours still run, with no speed-up printed.
        $hasAnchors = $false
        $blasLine = 'anchors: none (python3 lacks numpy or threadpoolctl: apt-get install python3-numpy python3-sklearn python3-torch python3-pandas python3-threadpoolctl libopenblas0-pthread)'
    }
    Write-Host $blasLine
}

# Kernels: each product of a W3 batch, ours (bench/KernelBench) against numpy's matmul on its BLAS, at
# 1 and 2 threads. The two run as long-lived processes that take turns (numpy, ours, numpy, …); each of
# ours is compared with the numpy runs just before and after it, and the ratio is the median of those.
$kernelRates = @{}
if ('Kernels' -in $Workload) {
    $benchOut = Join-Path $root 'artifacts/kernelbench'
    & dotnet build (Join-Path $PSScriptRoot 'KernelBench') -c Release -o $benchOut --nologo -v quiet | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'Building bench/KernelBench failed.' }
    $ourKernels = Start-Server 'dotnet' @((Join-Path $benchOut 'NeuralNet.KernelBench.dll'), 'serve') -1
    $numpyKernels = if ($hasAnchors) { Start-Server $python @((Join-Path $PSScriptRoot 'anchors.py'), 'kernel-serve') -1 }
    try {
        $shapes = [ordered]@{ 'x.W1' = '128×784 · 784×256 (X·W₁)'; 'xT.d1' = 'Xᵀ·δ₁ to 784×256'; 'a1.W2' = '128×256 · 256×10 (A₁·W₂)'; 'a1T.d2' = 'A₁ᵀ·δ₂ to 256×10'; 'd2.W2T' = 'δ₂·W₂ᵀ to 128×256' }
        foreach ($dtype in 'float64', 'float32') {
            foreach ($shape in $shapes.Keys) {
                $productPath = (& dotnet (Join-Path $benchOut 'NeuralNet.KernelBench.dll') path $shape $dtype)
                foreach ($threads in 1, 2) {
                    $request = "$shape $dtype $threads"
                    $ours = [Collections.Generic.List[double]]::new(); $numpy = [Collections.Generic.List[double]]::new(); $ratios = [Collections.Generic.List[double]]::new()
                    if ($numpyKernels) { $numpy.Add([double](Invoke-Server $numpyKernels $request 'numpy')) }
                    foreach ($round in 1..$pairedRounds) {
                        $ours.Add([double](Invoke-Server $ourKernels $request 'KernelBench'))
                        if ($numpyKernels) {
                            $numpy.Add([double](Invoke-Server $numpyKernels $request 'numpy'))
                            $ratios.Add($ours[$ours.Count - 1] / (($numpy[$numpy.Count - 2] + $numpy[$numpy.Count - 1]) / 2))
                        }
                    }
                    $rate = Get-Median $ours
                    $anchorRate = if ($numpyKernels) { Get-Median $numpy }
                    $kernelRates["$shape $dtype $threads"] = [pscustomobject]@{ Ours = $rate; Numpy = $anchorRate }
                    $ratio = if ($ratios.Count -and -not $script:referenceBlas) { Get-Median $ratios }
                    $note = "ours on $productPath"
                    if ($ratios.Count) { $note = 'median of {0} paired rounds, {1:0.00}× to {2:0.00}×; ours on {3}' -f $ratios.Count, ($ratios | Measure-Object -Minimum).Minimum, ($ratios | Measure-Object -Maximum).Maximum, $productPath }
                    $kernelRows.Add([pscustomobject]@{
                        Product = $shapes[$shape]; Precision = $dtype; Threads = $threads
                        'Ours (GFLOP/s)' = [math]::Round($rate, 1); 'numpy (GFLOP/s)' = if ($null -ne $anchorRate) { [math]::Round($anchorRate, 1) }
                        Ratio = if ($null -ne $ratio) { '{0:0.00}×' -f $ratio }; Target = '≥ 1.0×'
                        Note = $note
                    })
                }
            }
        }
    }
    finally {
        foreach ($server in $ourKernels, $numpyKernels) {
            if ($server) {
                $server.StandardInput.Close()
                if (-not $server.WaitForExit(10000)) { $server.Kill() }
            }
        }
    }
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
    $numpyServer = if ($hasAnchors) { Start-Server $python @((Join-Path $PSScriptRoot 'anchors.py'), 'w1-serve') $core }
    try {
        foreach ($scale in 1, 10, 100) {
            $rounds = if ($scale -eq 1) { $w1Rounds } else { $Runs }
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
    if ($sk) { Add-Row 'W2 digits 64-64-10' '1×, 50 epochs' $m.Seconds 'scikit-learn' $sk.seconds '≥ 3×, acc ≥ 0.97' ('accuracy {0:F3} (scikit-learn {1:F3}); first run in a fresh session {2:N2} s' -f $accuracy, $sk.accuracy, $m.Cold) }
    else { Add-Row 'W2 digits 64-64-10' '1×, 50 epochs' $m.Seconds -Target 'acc ≥ 0.97' -Note ('accuracy {0:F3}' -f $accuracy) }
    $pt = $anchors | Where-Object { $_.anchor -eq 'PyTorch float64' }
    if ($pt) { Add-Row 'W2 digits 64-64-10' '1×, 50 epochs' $m.Seconds 'PyTorch float64' $pt.seconds $null ('accuracy {0:F3}' -f $pt.accuracy) }
    foreach ($scale in 10, 100) {
        $big = foreach ($i in 1..$scale) { $train }
        # The median of as many runs as scikit-learn's, after the warm-ups: one run alone swung by 2× between benchmarks.
        $m = Measure-Median { New-NeuralNetwork -HiddenLayers 64 -Activation ReLU -Seed 0 | Invoke-NetworkTraining -InputObject $big -Target digit -Optimizer Adam -LearningRate 0.001 -BatchSize 32 -Epochs 1 }
        $sk = $anchors | Where-Object { $_.anchor -eq 'scikit-learn' -and $_.scale -eq $scale }
        $note = 'first run {0:N2} s' -f $m.Cold
        if ($sk) { Add-Row 'W2 digits 64-64-10' "$($scale)× rows, 1 epoch" $m.Seconds 'scikit-learn' $sk.seconds -Note $note }
        else { Add-Row 'W2 digits 64-64-10' "$($scale)× rows, 1 epoch" $m.Seconds -Note $note }
    }
}

# W3: 60,000 × 784 synthetic, 784-256-10 ReLU/softmax, SGD 0.01, batch 128, one epoch, from matrices (and 1/100, 1/10 of the rows);
# then in single precision.
if ('W3' -in $Workload) {
    $anchors = @{}
    foreach ($rowsW3 in 600, 6000, 60000) {
        $ours = Invoke-Child '-Workload', 'W3', '-Rows', "$rowsW3"
        if ($rowsW3 -eq 60000) { break }
        $scale = '{0}×' -f ($rowsW3 / 60000)
        $pt = Invoke-Anchor 'w3', 'float64', "$rowsW3"
        if ($pt) { Add-Row 'W3 784-256-10 SGD' $scale $ours.Seconds 'PyTorch float64' $pt.seconds }
        else { Add-Row 'W3 784-256-10 SGD' $scale $ours.Seconds -Note ('peak {0:N0} MB, input {1:N0} MB' -f $ours.PeakMB, $ours.InputMB) }
    }
    # The same at full size with -Precision Single (float32 products). These two processes give the
    # memory figures and the first run of a fresh session; the anchors, PyTorch's faster thread setting.
    $single = Invoke-Child '-Workload', 'W3', '-Rows', '60000', '-Precision', 'Single'
    foreach ($dtype in 'float64', 'float32') {
        $pt = Invoke-Anchor 'w3', $dtype, '60000'
        if ($pt) { $anchors[$dtype] = $pt }
    }
    # The full-size epochs themselves: the host's cores change speed by up to 2× for seconds at a time,
    # so ours and PyTorch's take turns, PyTorch, ours, PyTorch, …, in two long-lived processes, as W1
    # does, and each of ours is compared with PyTorch's runs just before and after. Each PyTorch turn
    # runs an epoch at 1 and at 2 threads and counts the faster.
    # An epoch executes 49.1 GFLOP (2·m·k·n over its 2,344 products).
    $epochFlops = 2.0 * 60000 * (784 * 256 + 256 * 10) * 2 + 2.0 * 60000 * 10 * 256
    $paired = @{}
    $ourServer = Start-Server 'dotnet' @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Measure-Workload.ps1'),
        '-Workload', 'W3', '-Serve', '-ModulePath', $ModulePath) -1
    $torchServer = if ($anchors.Count -gt 0) { Start-Server $python @((Join-Path $PSScriptRoot 'anchors.py'), 'w3-serve') -1 }
    try {
        foreach ($pair in @(@{ Precision = 'Double'; Dtype = 'float64' }, @{ Precision = 'Single'; Dtype = 'float32' })) {
            $anchor = $anchors[$pair.Dtype]
            $theirs = [Collections.Generic.List[double]]::new()
            $oursRuns = [Collections.Generic.List[double]]::new()
            $ratios = [Collections.Generic.List[double]]::new()
            $threads = [Collections.Generic.List[int]]::new()
            $limits = [Collections.Generic.List[double]]::new()
            $rateRatios = [Collections.Generic.List[double]]::new()
            function Add-TheirRun {
                $answer = Invoke-Server $torchServer $pair.Dtype 'PyTorch' | ConvertFrom-Json
                $theirs.Add($answer.seconds)
                $threads.Add($answer.threads)
                if ($null -ne $answer.numpy_gflops) { $limits.Add($answer.numpy_gflops) }
            }
            if ($anchor) { Add-TheirRun }
            foreach ($round in 1..$pairedRounds) {
                $oursRuns.Add((Invoke-Server $ourServer $pair.Precision 'PowerShell' | ConvertFrom-Json).Seconds)
                if ($anchor) {
                    Add-TheirRun
                    $ratios.Add(($theirs[$theirs.Count - 2] + $theirs[$theirs.Count - 1]) / 2 / $oursRuns[$oursRuns.Count - 1])
                    # Our executed rate over numpy's 2-thread matmul rate just before and just after it.
                    if ($limits.Count -ge 2 -and $limits.Count -eq $theirs.Count) {
                        $ourRate = $epochFlops / $oursRuns[$oursRuns.Count - 1] / 1e9
                        $rateRatios.Add($ourRate / (($limits[$limits.Count - 2] + $limits[$limits.Count - 1]) / 2))
                    }
                }
            }
            $paired[$pair.Precision] = [pscustomobject]@{
                Seconds = Get-Median $oursRuns; Anchor = $(if ($anchor) { Get-Median $theirs }); Threads = ($threads | Sort-Object -Unique) -join ' or '
                Ratio = $(if ($ratios.Count) { Get-Median $ratios })
                Range = $(if ($ratios.Count) { 'speed-ups {0:F2}× to {1:F2}×, median {2:F2}×' -f ($ratios | Measure-Object -Minimum).Minimum, ($ratios | Measure-Object -Maximum).Maximum, (Get-Median $ratios) })
                Limit = $(if ($limits.Count) { Get-Median $limits })
                RateRatio = $(if ($rateRatios.Count) { Get-Median $rateRatios })
                RateRange = $(if ($rateRatios.Count) { '{0:F2}× to {1:F2}×' -f ($rateRatios | Measure-Object -Minimum).Minimum, ($rateRatios | Measure-Object -Maximum).Maximum })
            }
        }
    }
    finally {
        foreach ($server in $ourServer, $torchServer) {
            if ($server) {
                $server.StandardInput.Close()
                if (-not $server.WaitForExit(10000)) { $server.Kill() }
            }
        }
    }
    $double = $paired['Double']; $float = $paired['Single']
    $pairing = 'median of {0} paired rounds (PyTorch on {1} thread(s)), {2}' -f $pairedRounds, $double.Threads, $double.Range
    $memory = 'peak {0:N0} MB above baseline (input {1:N0} MB, target ≤ {2:N0} MB); PyTorch process peak {3:N0} MB' -f $ours.PeakMB, $ours.InputMB, ($ours.InputMB * 1.5 + $ours.ParameterCount * 8 / 1MB), $anchors['float64'].peak_mb
    if ($anchors['float64']) { Add-Row 'W3 784-256-10 SGD' '1×' $double.Seconds 'PyTorch float64' $double.Anchor '≥ 1.5×' ('{0}; first run in a fresh session {1:N2} s; {2}' -f $pairing, $ours.ColdSeconds, $memory) -Ratio $double.Ratio }
    else { Add-Row 'W3 784-256-10 SGD' '1×' $double.Seconds -Note ('first run in a fresh session {0:N2} s; peak {1:N0} MB, input {2:N0} MB' -f $ours.ColdSeconds, $ours.PeakMB, $ours.InputMB) }
    # Double against float32 is not paired: the ratio of the two medians, for reference.
    if ($anchors['float32']) { Add-Row 'W3 784-256-10 SGD' '1×' $double.Seconds 'PyTorch float32' $float.Anchor -Note 'medians of the paired rounds, not paired with each other' }
    $note = 'first run in a fresh session {3:N2} s; loss {0:G6} (Double {1:G6}); peak {2:N0} MB above baseline' -f $single.Loss, $ours.Loss, $single.PeakMB, $single.ColdSeconds
    if ($anchors['float32']) {
        $note = 'median of {0} paired rounds (PyTorch on {1} thread(s)), {2}; {3}' -f $pairedRounds, $float.Threads, $float.Range, $note
        Add-Row 'W3 784-256-10 SGD Single' '1×' $float.Seconds 'PyTorch float32' $float.Anchor '≥ 1.2×' $note -Ratio $float.Ratio
    }
    else { Add-Row 'W3 784-256-10 SGD Single' '1×' $float.Seconds -Note $note }
    $ours = [pscustomobject]@{ Seconds = $double.Seconds; Loss = $ours.Loss }
    $single = [pscustomobject]@{ Seconds = $float.Seconds; Loss = $single.Loss }
    # The limit: an epoch executes 49.1 GFLOP (2·m·k·n over its 2,344 products); numpy's matmul on the
    # epoch's largest shape, 128×784·784×256, at 1 and 2 threads, is as fast as these products go here.
    foreach ($precision in @(@{ Name = 'Double'; Seconds = $ours.Seconds; Dtype = 'float64'; Paired = $double }, @{ Name = 'Single'; Seconds = $single.Seconds; Dtype = 'float32'; Paired = $float })) {
        $rate = $epochFlops / $precision.Seconds / 1e9
        $one = $kernelRates["x.W1 $($precision.Dtype) 1"]; $two = $kernelRates["x.W1 $($precision.Dtype) 2"]
        $pairedLimit = $precision.Paired
        if ($null -ne $pairedLimit.RateRatio -and -not $script:referenceBlas) {
            # Paired: each of our epochs against numpy's 2-thread matmul measured just before and after it.
            $note = '{0:N1} GFLOP/s ({1:N1} GFLOP in {2:N2} s); numpy {3} 128×784·784×256 on 2 threads beside each epoch: median {4:N1} GFLOP/s; median of {5} paired ratios, {6}' -f $rate, ($epochFlops / 1e9), $precision.Seconds, $precision.Dtype, $pairedLimit.Limit, $pairedRounds, $pairedLimit.RateRange
            if ($two -and $null -ne $two.Numpy) { $note += '; in the kernel table, {0:N1} on 1 thread and {1:N1} on 2' -f $one.Numpy, $two.Numpy }
            $rows.Add([pscustomobject]@{
                Workload = "W3 executed rate, $($precision.Name)"; Scale = '1×'; 'Ours (s)' = $null; Anchor = 'numpy matmul limit'; 'Anchor (s)' = $null
                'Speed-up' = [math]::Round($pairedLimit.RateRatio, 2); Target = $(if ($precision.Name -eq 'Double') { '≥ 0.8×' })
                Note = $note
            })
        }
        elseif ($two -and $null -ne $two.Numpy -and -not $script:referenceBlas) {
            $note = '{0:N1} GFLOP/s ({1:N1} GFLOP in {2:N2} s); numpy {3} 128×784·784×256: {4:N1} GFLOP/s on 1 thread, {5:N1} on 2; ratio to 2 threads' -f $rate, ($epochFlops / 1e9), $precision.Seconds, $precision.Dtype, $one.Numpy, $two.Numpy
            $rows.Add([pscustomobject]@{
                Workload = "W3 executed rate, $($precision.Name)"; Scale = '1×'; 'Ours (s)' = $null; Anchor = 'numpy matmul limit'; 'Anchor (s)' = $null
                'Speed-up' = [math]::Round($rate / $two.Numpy, 2); Target = $(if ($precision.Name -eq 'Double') { '≥ 0.8×' })
                Note = $note
            })
        }
        else { Add-Row "W3 executed rate, $($precision.Name)" '1×' $precision.Seconds -Note ('{0:N1} GFLOP/s ({1:N1} GFLOP per epoch); run -Workload Kernels too for the numpy limit' -f $rate, ($epochFlops / 1e9)) }
    }
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
    $pandas = Invoke-Anchor 'w4', $csv | Where-Object { $_.PSObject.Properties['anchor'] } | Select-Object -First 1
    $note = '{0:N0} rows/s; file {1:N0} MB; peak {2:N0} MB above baseline; ours includes one epoch of an 8-unit network' -f $rate, $ours.InputMB, $ours.PeakMB
    if ($pandas) { Add-Row 'W4 CSV ingest 1M × 20' '1×' $ours.Seconds 'pandas read_csv' $pandas.seconds '≥ 1.5×' $note }
    else { Add-Row 'W4 CSV ingest 1M × 20' '1×' $ours.Seconds -Target '≥ 500k rows/s' -Note $note }
}

# W5: prediction. Iris-shaped rows (4-32-3) to a CSV file and into objects; rates at two network
# sizes; and scoring 1M × 20 to a CSV end to end against scikit-learn + pandas.
if ('W5' -in $Workload) {
    Add-Type -Path (Join-Path $PSScriptRoot 'BenchData.cs') -ErrorAction SilentlyContinue
    $iris = Join-Path $data 'iris.csv'
    $files = @{}
    foreach ($spec in @(@('iris-1m', 1000000), @('iris-200k', 200000))) {
        $files[$spec[0]] = Join-Path $scratch "$($spec[0]).csv"
        if (-not (Test-Path $files[$spec[0]])) { [BenchData]::IrisCsv($iris, $files[$spec[0]], $spec[1], 0) }
    }
    foreach ($spec in @(@('score-train', 10000, 1, $true), @('score-1m', 1000000, 2, $false), @('score-200k', 200000, 3, $false))) {
        $files[$spec[0]] = Join-Path $scratch "$($spec[0]).csv"
        if (-not (Test-Path $files[$spec[0]])) { [BenchData]::ScoringCsv($files[$spec[0]], $spec[1], $spec[2], $spec[3]) }
    }
    $out = Invoke-Child '-Workload', 'W5', '-CsvPath', $files['iris-1m'], '-Output', 'OutFile'
    $quarter = Invoke-Child '-Workload', 'W5', '-CsvPath', $files['iris-200k'], '-Output', 'OutFile'
    Add-Row 'W5 predict 4-32-3 -Path -OutFile' '1M rows' $out.Seconds -Target '≥ 1M rows/s, flat memory' -Note ('{0:N0} rows/s; peak {1:N0} MB above baseline for 1M rows, {2:N0} MB for 200k; {3:N1} bytes allocated per row beyond 200k (a run''s fixed buffers left out)' -f (1e6 / $out.Seconds), $out.PeakMB, $quarter.PeakMB, (($out.AllocatedBytes - $quarter.AllocatedBytes) / 8e5))
    $objects = Invoke-Child '-Workload', 'W5', '-CsvPath', $files['iris-200k'], '-Output', 'Objects'
    Add-Row 'W5 predict 4-32-3 -Path into objects' '200k rows' $objects.Seconds -Target '≥ 200k rows/s' -Note ('{0:N0} rows/s; {1:N0} bytes allocated per row, output objects included' -f (2e5 / $objects.Seconds), ($objects.AllocatedBytes / 2e5))
    $piped = Invoke-Child '-Workload', 'W5', '-CsvPath', $files['iris-200k'], '-Output', 'Piped'
    Add-Row 'W5 predict 4-32-3 piped rows' '200k rows' $piped.Seconds -Target '≥ 200k rows/s' -Note ('{0:N0} rows/s (rows read by Import-Csv before the clock starts); {1:N0} bytes allocated per row, output objects and PowerShell''s pipeline binding included' -f (2e5 / $piped.Seconds), ($piped.AllocatedBytes / 2e5))
    $small = Invoke-Child '-Workload', 'W5', '-CsvPath', $files['score-200k'], '-TrainPath', $files['score-train'], '-HiddenLayers', '128,128', '-Output', 'OutFile'
    $large = Invoke-Child '-Workload', 'W5', '-CsvPath', $files['score-200k'], '-TrainPath', $files['score-train'], '-HiddenLayers', '440,440', '-Output', 'OutFile'
    $slowdown = $large.Seconds / $small.Seconds; $growth = $large.FlopsPerRow / $small.FlopsPerRow
    Add-Row 'W5 predict, 19k vs 200k parameters' '200k × 20' $large.Seconds -Target 'slows ≤ FLOPs grow' -Note ('{0:N0} and {1:N0} parameters: {2:N0} and {3:N0} rows/s; {4:N1}× slower for {5:N1}× the FLOPs' -f $small.ParameterCount, $large.ParameterCount, (2e5 / $small.Seconds), (2e5 / $large.Seconds), $slowdown, $growth)
    $ours = Invoke-Child '-Workload', 'W5', '-CsvPath', $files['score-1m'], '-TrainPath', $files['score-train'], '-HiddenLayers', '32', '-Output', 'OutFile'
    $sk = if ($hasAnchors) { Invoke-Anchor 'w5', $files['score-train'], $files['score-1m'], (Join-Path $scratch 'score-1m-sklearn.csv') | Where-Object { $_.PSObject.Properties['anchor'] } | Select-Object -First 1 }
    $note = '{0:N0} rows/s; 20-32-3, read, predict and write' -f (1e6 / $ours.Seconds)
    if ($sk) { Add-Row 'W5 score 1M × 20 to CSV' '1M rows' $ours.Seconds 'scikit-learn + pandas' $sk.seconds '≥ 2×' $note }
    else { Add-Row 'W5 score 1M × 20 to CSV' '1M rows' $ours.Seconds -Note $note }
}

$cpu = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
$flags = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'flags*' } | Select-Object -First 1)
$isa = @('avx512f', 'avx2', 'fma' | Where-Object { $flags -match "\b$_\b" }) -join '+'
# The core is in the module's own load context on PowerShell 7.4+, where PowerShell resolves none of its type names.
$core = [System.Reflection.Assembly]::Load(([NeuralNet.PowerShell.NeuralNetwork].Assembly.GetReferencedAssemblies() | Where-Object Name -EQ 'NeuralNet.Core'))
$kernelPath = $core.GetType('NeuralNet.Core.Kernels.MatrixKernels', $true)::Path
"Benchmark {0:yyyy-MM-dd HH:mm} UTC; {1} cores ({2}; {3}); .NET {4}; PowerShell {5}; median of {6} runs (of {8} paired rounds for W3 at full size and the kernels, of {9} for W1 at 1×); our kernels: {7}" -f [datetime]::UtcNow, [Environment]::ProcessorCount, $cpu, $isa, [Environment]::Version, $PSVersionTable.PSVersion, $Runs, $kernelPath, $pairedRounds, $w1Rounds
$blasLine
# PowerShell shows doubles in tables with two decimals, which would print W1's milliseconds as 0.01.
$seconds = { param($value) if ($null -ne $value) { $value.ToString('0.0000', [cultureinfo]::InvariantCulture) } }
$rows | Format-Table -AutoSize Workload, Scale,
    @{ n = 'Ours (s)'; e = { & $seconds $_.'Ours (s)' }; a = 'Right' }, Anchor,
    @{ n = 'Anchor (s)'; e = { & $seconds $_.'Anchor (s)' }; a = 'Right' },
    @{ n = 'Speed-up'; e = { if ($null -ne $_.'Speed-up') { '{0:0.0}×' -f $_.'Speed-up' } }; a = 'Right' }, Target, Note | Out-String -Width 220
if ($kernelRows.Count) {
    'Kernels: the products of a W3 batch, GFLOP/s (2·m·k·n per product)'
    $kernelRows | Format-Table -AutoSize Product, Precision, Threads, 'Ours (GFLOP/s)', 'numpy (GFLOP/s)', Ratio, Target, Note | Out-String -Width 220
}
[pscustomobject]@{ Blas = $blasLine; Workloads = $rows; Kernels = $kernelRows } | ConvertTo-Json -Depth 4 | Set-Content (Join-Path $scratch 'bench.json')
