<#
.SYNOPSIS
    The module's main job on bundled data: the tutorial reproduced, then iris from CSV.
    Run by build.ps1 -Task Demo; also runnable on its own after a build.
#>
param([string] $ModulePath = (Join-Path $PSScriptRoot '../out/NeuralNet/NeuralNet.psd1'))
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$data = Join-Path $PSScriptRoot 'data'

Write-Host "`n=== 1. The tutorial: 3-4-1 sigmoid network, no bias, 10,000 full-batch updates at learning rate 1 ===" -ForegroundColor Cyan
$ref = Get-Content (Join-Path $data 'tutorial.json') -Raw | ConvertFrom-Json
$wij = [double[][]]@($ref.initialWij | ForEach-Object { , [double[]]$_ })   # numpy: seed(10); rand(3,4)
$wjk = [double[][]]@($ref.initialWjk | ForEach-Object { , [double[]]$_ })   #        rand(4,1)
$rows = @(
    [pscustomobject]@{ x1 = 0; x2 = 0; x3 = 1; y = 0 }
    [pscustomobject]@{ x1 = 1; x2 = 1; x3 = 1; y = 1 }
    [pscustomobject]@{ x1 = 1; x2 = 0; x3 = 1; y = 1 }
    [pscustomobject]@{ x1 = 0; x2 = 1; x3 = 1; y = 0 })
$net = New-NeuralNetwork -LayerSizes 3, 4, 1 -Activation Sigmoid -NoBias -InitialWeights $wij, $wjk
$rows | Invoke-NetworkTraining -Network $net -Target y -Epochs 10000 -LearningRate 1 -Loss SumSquaredError -BatchSize 4 | Out-Null
$i = 0
$rows | Get-NetworkPrediction -Network $net | ForEach-Object {
    [pscustomobject]@{
        x1 = $_.x1; x2 = $_.x2; x3 = $_.x3; y = $_.y
        NeuralNet = $_.Prediction.ToString('F10')
        Numpy     = $ref.predictionAfterTraining[$i].ToString('F10')
        Difference = [math]::Abs($_.Prediction - $ref.predictionAfterTraining[$i]).ToString('E1')
        TutorialPrinted = $ref.tutorialPrintedYhat[$i++].ToString('F10')
    }
} | Format-Table -AutoSize | Out-Host
Write-Host '(The tutorial prints yhat from its last iteration, computed just before the final update; NeuralNet and Numpy predict with the final weights.)'
$net | Out-Host

Write-Host "=== 2. Iris from CSV: defaults only, 4 of 5 rows train, every 5th row is held out ===" -ForegroundColor Cyan
$iris = Import-Csv (Join-Path $data 'iris.csv')
$train = for ($k = 0; $k -lt $iris.Count; $k++) { if ($k % 5 -ne 0) { $iris[$k] } }
$test = for ($k = 0; $k -lt $iris.Count; $k += 5) { $iris[$k] }
$irisNet = New-NeuralNetwork -HiddenLayers 8 -Seed 1
$train | Invoke-NetworkTraining -Network $irisNet -Target species -Epochs 500 | Out-Null
$irisNet | Out-Host
$predictions = $test | Get-NetworkPrediction -Network $irisNet
$predictions | Select-Object -First 3 -Skip 9 | Format-Table species, Prediction, @{ n = 'Probability'; e = { $_.Probability.ToString('F3') } } | Out-Host
$correct = @($predictions | Where-Object { $_.species -eq $_.Prediction }).Count
Write-Host ("Held-out accuracy: {0}/{1} = {2:P1}" -f $correct, $predictions.Count, ($correct / $predictions.Count))
