<#
.SYNOPSIS
    Example 6: pictures. The loss curve in the console and as SVG, and a diagram of the network.
#>
param([string] $ModulePath = (Join-Path $PSScriptRoot '../out/NeuralNet/NeuralNet.psd1'), [string] $OutputFolder = [IO.Path]::GetTempPath())
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$rows = Import-Csv (Join-Path $PSScriptRoot 'data/iris.csv')
$net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
$rows | Invoke-NetworkTraining -Network $net -Target species -Epochs 200 -ValidationSplit 0.2 | Out-Null

Show-NetworkTrainingHistory -Network $net -Width 80 -Height 12
$net | Export-NetworkTrainingHistory -Path (Join-Path $OutputFolder 'iris-loss.svg') -PassThru | Select-Object Name, Length
$net | Export-NetworkDiagram -Path (Join-Path $OutputFolder 'iris-network.svg') -PassThru | Select-Object Name, Length
