<#
.SYNOPSIS
    Example 2: iris from CSV with defaults only. Every 5th row is held out; the network learns the
    species from Import-Csv rows, then predicts and scores the held-out rows.
#>
param([string] $ModulePath = (Join-Path $PSScriptRoot '../out/NeuralNet/NeuralNet.psd1'), [string] $OutputFolder = [IO.Path]::GetTempPath())
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$rows = Import-Csv (Join-Path $PSScriptRoot 'data/iris.csv')
$train = for ($i = 0; $i -lt $rows.Count; $i++) { if ($i % 5) { $rows[$i] } }
$test = for ($i = 0; $i -lt $rows.Count; $i += 5) { $rows[$i] }

$net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
$train | Invoke-NetworkTraining -Network $net -Target species -Epochs 500 | Out-Null
$test | Get-NetworkPrediction -Network $net | Select-Object -First 5 species, Prediction, Probability
$test | Test-NeuralNetwork -Network $net
