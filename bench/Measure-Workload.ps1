<#
.SYNOPSIS
    Runs one workload of the benchmark in this (fresh) process and prints JSON: the median seconds
    and the process's peak working set. W3 and W4 each get their own process so that the peak memory
    belongs to that workload alone; W1 (-Rows is the multiple of the tutorial's 4 rows) so that it
    can be pinned to a core beside its numpy anchor.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('W1', 'W3', 'W4')] [string] $Workload,
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rows = 60000,
    [int] $Runs = 3,
    [string] $CsvPath,
    [ValidateSet('Double', 'Single')] [string] $Precision = 'Double'
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
    $tutorial = Get-Content (Join-Path (Split-Path $PSScriptRoot) 'examples/data/tutorial.json') -Raw | ConvertFrom-Json
    $x = [double[][]]@(foreach ($i in 1..$Rows) { foreach ($r in $tutorial.X) { , [double[]]$r } })
    $y = [double[][]]@(foreach ($i in 1..$Rows) { foreach ($v in $tutorial.y) { , [double[]]@($v) } })
    $weights = [double[][][]]@(foreach ($m in $tutorial.initialWij, $tutorial.initialWjk) { , [double[][]]@(foreach ($r in $m) { , [double[]]$r }) })
    $train = {
        $net = New-NeuralNetwork -LayerSizes 3, 4, 1 -Activation Sigmoid -NoBias -InitialWeights $weights
        Invoke-NetworkTraining -Network $net -FeatureMatrix $x -TargetMatrix $y -Epochs 10000 -LearningRate 1 -Loss SumSquaredError -BatchSize $x.Count
    }
    & $train | Out-Null   # warm-up
    $m = Measure-Median $train ([math]::Max($Runs * 4, 20))   # a run takes milliseconds: many samples steady the median
    $accuracy = $null
}
elseif ($Workload -eq 'W3') {
    $data = [BenchData]::Teacher($Rows, 0)
    $x = $data[0]; $y = $data[1]
    $inputMb = $Rows * 784 * 8 / 1MB
    $train = {
        $net = New-NeuralNetwork -LayerSizes 784, 256, 10 -Activation ReLU -OutputActivation Softmax -Seed 0 -Precision $Precision
        Invoke-NetworkTraining -Network $net -FeatureMatrix $x -TargetMatrix $y -Loss CrossEntropy -Optimizer GradientDescent -LearningRate 0.01 -BatchSize 128 -Epochs 1
    }
    $warm = New-NeuralNetwork -LayerSizes 784, 256, 10 -Activation ReLU -OutputActivation Softmax -Seed 0 -Precision $Precision
    Invoke-NetworkTraining -Network $warm -FeatureMatrix $x[0..2559] -TargetMatrix $y[0..2559] -Loss CrossEntropy -Optimizer GradientDescent -LearningRate 0.01 -BatchSize 128 -Epochs 1 | Out-Null
    $m = Measure-Median $train $Runs
    $accuracy = (Test-NeuralNetwork -Network $m.Result -FeatureMatrix $x[0..9999] -TargetMatrix $y[0..9999]).Accuracy
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
    InputMB = $inputMb; ParameterCount = $m.Result.ParameterCount; Accuracy = $accuracy; Loss = $m.Result.Loss
} | ConvertTo-Json -Compress
