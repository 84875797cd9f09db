<#
.SYNOPSIS
    Example 1: the tutorial reproduced. A 3-4-1 sigmoid network without biases, the tutorial's numpy
    starting weights, 10,000 full-batch gradient-descent updates at learning rate 1; the predictions
    equal numpy's to the last bit.
#>
param([string] $ModulePath = (Join-Path $PSScriptRoot '../out/NeuralNet/NeuralNet.psd1'), [string] $OutputFolder = [IO.Path]::GetTempPath())
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$ref = Get-Content (Join-Path $PSScriptRoot 'data/tutorial.json') -Raw | ConvertFrom-Json
function ConvertTo-Matrix($rows) { , [double[][]]@($rows | ForEach-Object { , [double[]]@($_) }) }

$X = ConvertTo-Matrix $ref.X                                   # [[0,0,1],[1,1,1],[1,0,1],[0,1,1]]
$Y = ConvertTo-Matrix ($ref.y | ForEach-Object { , @($_) })    # [[0],[1],[1],[0]]
$net = New-NeuralNetwork -LayerSizes 3, 4, 1 -Activation Sigmoid -NoBias -InitialWeights (ConvertTo-Matrix $ref.initialWij), (ConvertTo-Matrix $ref.initialWjk)
$net | Invoke-NetworkTraining -FeatureMatrix $X -TargetMatrix $Y -Epochs 10000 -LearningRate 1 -Loss SumSquaredError -BatchSize 4 | Out-Null

$predictions = Get-NetworkPrediction -Network $net -FeatureMatrix $X
for ($i = 0; $i -lt 4; $i++) {
    [pscustomobject]@{ Row = $i + 1; NeuralNet = $predictions[$i].Prediction; Numpy = $ref.predictionAfterTraining[$i]; Identical = $predictions[$i].Prediction -eq $ref.predictionAfterTraining[$i] }
}
