<#
.SYNOPSIS
    Example 4: saving and loading. A trained network goes to JSON and comes back predicting exactly
    as before; it also survives Export-Clixml and a background job.
#>
param([string] $ModulePath = (Join-Path $PSScriptRoot '../out/NeuralNet/NeuralNet.psd1'), [string] $OutputFolder = [IO.Path]::GetTempPath())
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$rows = Import-Csv (Join-Path $PSScriptRoot 'data/iris.csv')
$net = New-NeuralNetwork -HiddenLayers 6 -Seed 1 | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 100

$file = $net | Export-NeuralNetwork -Path (Join-Path $OutputFolder 'iris-network.json') -PassThru
$back = Import-NeuralNetwork -LiteralPath $file.FullName
$before = ($rows | Get-NetworkPrediction -Network $net).Probability
$after = ($rows | Get-NetworkPrediction -Network $back).Probability
[pscustomobject]@{ File = $file.Name; Bytes = $file.Length; IdenticalPredictions = ($before -join ',') -eq ($after -join ',') }

$job = Start-Job { param($module, $network, $csv) Import-Module $module; Test-NeuralNetwork -Network $network -Path $csv | Select-Object Accuracy } -ArgumentList $ModulePath, $net, (Join-Path $PSScriptRoot 'data/iris.csv')
Receive-Job $job -Wait -AutoRemoveJob | Select-Object Accuracy
