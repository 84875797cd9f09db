<#
.SYNOPSIS
    Example 5: a batch experiment. Every combination of hidden size and learning rate, 3-fold
    cross-validated in parallel runspaces, best first; the winner refit on all rows is saved.
#>
param([string] $ModulePath = (Join-Path $PSScriptRoot '../out/NeuralNet/NeuralNet.psd1'), [string] $OutputFolder = [IO.Path]::GetTempPath())
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$rows = Import-Csv (Join-Path $PSScriptRoot 'data/iris.csv')
$results = Invoke-NetworkExperiment -InputObject $rows -Target species -Folds 3 -Epochs 50 -Refit `
    -ParameterGrid @{ HiddenLayers = 4, 8; LearningRate = 0.01, 0.001 }
$results | Sort-Object MeanScore -Descending | Select-Object Configuration, HiddenLayers, LearningRate, MeanScore, StdScore
$best = $results | Sort-Object MeanScore -Descending | Select-Object -First 1
$best.Network | Export-NeuralNetwork -Path (Join-Path $OutputFolder 'best-iris.json')
