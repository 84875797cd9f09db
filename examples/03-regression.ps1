<#
.SYNOPSIS
    Example 3: regression with a categorical input. Predicts a number (petal width) from two numbers
    and the species, which is one-hot encoded; the prediction comes back in centimetres.
#>
param([string] $ModulePath = (Join-Path $PSScriptRoot '../out/NeuralNet/NeuralNet.psd1'), [string] $OutputFolder = [IO.Path]::GetTempPath())
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$rows = Import-Csv (Join-Path $PSScriptRoot 'data/iris.csv') | Select-Object sepal_length, petal_length, species, petal_width
$train = for ($i = 0; $i -lt $rows.Count; $i++) { if ($i % 5) { $rows[$i] } }
$test = for ($i = 0; $i -lt $rows.Count; $i += 5) { $rows[$i] }

$net = New-NeuralNetwork -HiddenLayers 16 -Seed 3
$train | Invoke-NetworkTraining -Network $net -Target petal_width -Epochs 300 | Out-Null
$test | Get-NetworkPrediction -Network $net | Select-Object -First 5 species, petal_width, @{ n = 'Prediction'; e = { [math]::Round($_.Prediction, 2) } }
$test | Test-NeuralNetwork -Network $net
