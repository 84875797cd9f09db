<#
.SYNOPSIS
    Runs one workload of the benchmark in this (fresh) process and prints JSON: the median seconds
    and the process's peak working set. W3 and W4 each get their own process so that the peak memory
    belongs to that workload alone.
    W1 serves instead (-Serve): it reads a scale per line (the multiple of the tutorial's 4 rows) and
    answers each with one JSON line, so that bench/Invoke-Benchmark.ps1 can alternate it with the
    numpy anchor, both pinned to one core. W3 can serve too: it reads a precision per line and answers
    with one epoch's seconds, to alternate with PyTorch's.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('W1', 'W3', 'W4', 'W5')] [string] $Workload,
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rows = 60000,
    [int] $Runs = 3,
    [string] $CsvPath,
    [ValidateSet('Double', 'Single')] [string] $Precision = 'Double',
    # W5: how the predictions leave (a CSV file, objects, or objects from rows piped from memory), the
    # hidden layers of the network, and the labelled file it is trained on (-Path files only).
    [ValidateSet('OutFile', 'Objects', 'Piped')] [string] $Output = 'OutFile',
    [string] $HiddenLayers = '32',   # comma-separated: -File passes it as text
    [string] $TrainPath,
    [switch] $Serve
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Add-Type -Path (Join-Path $PSScriptRoot 'BenchData.cs')

function Measure-Median([scriptblock] $Work, [int] $Count) {
    $times = @(foreach ($i in 1..$Count) {
        [GC]::Collect()
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $result = & $Work
        $clock.Stop()
        $clock.Elapsed.TotalSeconds
    })
    [pscustomobject]@{ Seconds = ($times | Sort-Object)[[int][math]::Floor(($times.Count - 1) / 2)]; Result = $result }
}

$inputMb = 0
# Memory is reported above this baseline (PowerShell and the module, before any data), so the figure
# belongs to the workload: its input plus what training adds.
[GC]::Collect()
$baseline = [Diagnostics.Process]::GetCurrentProcess().WorkingSet64
if ($Workload -eq 'W1') {
    if (-not $Serve) { throw 'W1 runs with -Serve (see bench/Invoke-Benchmark.ps1).' }
    $tutorial = Get-Content (Join-Path (Split-Path $PSScriptRoot) 'examples/data/tutorial.json') -Raw | ConvertFrom-Json
    $weights = [double[][][]]@(foreach ($m in $tutorial.initialWij, $tutorial.initialWjk) { , [double[][]]@(foreach ($r in $m) { , [double[]]$r }) })
    $warmed = @{}
    while ($null -ne ($line = [Console]::In.ReadLine())) {
        $scale = [int]$line
        $x = [double[][]]@(foreach ($i in 1..$scale) { foreach ($r in $tutorial.X) { , [double[]]$r } })
        $y = [double[][]]@(foreach ($i in 1..$scale) { foreach ($v in $tutorial.y) { , [double[]]@($v) } })
        $train = {
            $net = New-NeuralNetwork -LayerSizes 3, 4, 1 -Activation Sigmoid -NoBias -InitialWeights $weights
            Invoke-NetworkTraining -Network $net -FeatureMatrix $x -TargetMatrix $y -Epochs 10000 -LearningRate 1 -Loss SumSquaredError -BatchSize $x.Count
        }
        if (-not $warmed[$scale]) { & $train | Out-Null; $warmed[$scale] = $true }
        # A run takes milliseconds: many samples steady the median.
        $m = Measure-Median $train $(if ($scale -eq 1) { 20 } else { [math]::Max($Runs, 3) })
        [pscustomobject]@{ Workload = 'W1'; Rows = $scale; Seconds = $m.Seconds; Loss = $m.Result.Loss } | ConvertTo-Json -Compress
    }
    return
}
if ($Workload -eq 'W3') {
    $data = [BenchData]::Teacher($Rows, 0)
    $x = $data[0]; $y = $data[1]
    $inputMb = $Rows * 784 * 8 / 1MB
    $train = {
        $net = New-NeuralNetwork -LayerSizes 784, 256, 10 -Activation ReLU -OutputActivation Softmax -Seed 0 -Precision $Precision
        Invoke-NetworkTraining -Network $net -FeatureMatrix $x -TargetMatrix $y -Loss CrossEntropy -Optimizer GradientDescent -LearningRate 0.01 -BatchSize 128 -Epochs 1
    }
    if ($Serve) {
        # Paired with PyTorch's epochs by bench/Invoke-Benchmark.ps1: each line names a precision, and one
        # timed epoch answers it, after three whole warm-up runs at the precision's first request: in a
        # fresh session the first two or three runs share the cores with the runtime's background
        # compiler (PowerShell's own code), and the process that measures memory times the first apart.
        $warmed = @{}
        while ($null -ne ($line = [Console]::In.ReadLine())) {
            $Precision = $line.Trim()
            if (-not $warmed[$Precision]) { foreach ($i in 1..3) { & $train | Out-Null }; $warmed[$Precision] = $true }
            $m = Measure-Median $train 1
            [pscustomobject]@{ Workload = 'W3'; Precision = $Precision; Seconds = $m.Seconds; Loss = $m.Result.Loss } | ConvertTo-Json -Compress
        }
        return
    }
    # The warm-up is a whole run, timed apart: in a fresh session PowerShell's own code is compiled
    # again, optimised, on a background thread during the first runs, and on two cores that thread
    # takes the kernels' second core (with DOTNET_TieredCompilation=0 the first run is as fast as the
    # rest). The anchors' warm-up is a few batches, which is all PyTorch needs.
    $cold = Measure-Median $train 1
    $m = Measure-Median $train $Runs
    $accuracy = (Test-NeuralNetwork -Network $m.Result -FeatureMatrix $x[0..9999] -TargetMatrix $y[0..9999]).Accuracy
}
elseif ($Workload -eq 'W5') {
    # Prediction: a network trained first (not timed), then the rows of -CsvPath scored.
    $inputMb = (Get-Item $CsvPath).Length / 1MB
    $net = New-NeuralNetwork -HiddenLayers ([int[]]($HiddenLayers -split ',')) -Seed 0
    if ($TrainPath) { Invoke-NetworkTraining -Network $net -Path $TrainPath -Target label -Epochs 5 | Out-Null }
    else { Invoke-NetworkTraining -Network $net -Path (Join-Path (Split-Path $PSScriptRoot) 'examples/data/iris.csv') -Target species -Epochs 50 | Out-Null }
    $scored = Join-Path ([IO.Path]::GetTempPath()) "w5-$PID.csv"
    $piped = if ($Output -eq 'Piped') { Import-Csv $CsvPath }
    $predict = switch ($Output) {
        'OutFile' { { Get-NetworkPrediction -Network $net -Path $CsvPath -OutFile $scored -Force; $net } }
        'Objects' { { $null = Get-NetworkPrediction -Network $net -Path $CsvPath; $net } }
        'Piped' { { $null = $piped | Get-NetworkPrediction -Network $net; $net } }
    }
    $m = Measure-Median $predict ($Runs + 1)
    # One run more, counting every byte every thread allocates: per row, the allocations prediction makes
    # (and, into objects, the output objects and PowerShell's pipeline with them).
    [GC]::Collect()
    $before = [GC]::GetTotalAllocatedBytes($true)
    $null = & $predict
    $allocated = [GC]::GetTotalAllocatedBytes($true) - $before
    Remove-Item $scored -ErrorAction SilentlyContinue
    $accuracy = $null
    # Multiply-adds per row, for the rate across network sizes.
    $sizes = $net.LayerSizes; $flops = 0
    for ($l = 1; $l -lt $sizes.Count; $l++) { $flops += 2 * $sizes[$l - 1] * $sizes[$l] }
}
else {
    $inputMb = (Get-Item $CsvPath).Length / 1MB
    $train = { New-NeuralNetwork -HiddenLayers 8 -Seed 0 | Invoke-NetworkTraining -Path $CsvPath -Target y -Epochs 1 -BatchSize 1024 }
    $m = Measure-Median $train ($Runs + 1)   # the first run is the warm-up's place: its result counts only in the median
    $accuracy = $null
}
$process = [Diagnostics.Process]::GetCurrentProcess()
[pscustomobject]@{
    Workload = $Workload; Rows = $Rows; Precision = $Precision; Seconds = $m.Seconds; PeakMB = ($process.PeakWorkingSet64 - $baseline) / 1MB
    InputMB = $inputMb; ParameterCount = $m.Result.ParameterCount; Accuracy = $accuracy; Loss = $(if ($Workload -ne 'W5') { $m.Result.Loss })
    FlopsPerRow = $(if ($Workload -eq 'W5') { $flops }); AllocatedBytes = $(if ($Workload -eq 'W5') { $allocated })
    ColdSeconds = $(if ($Workload -eq 'W3') { $cold.Seconds })
} | ConvertTo-Json -Compress
