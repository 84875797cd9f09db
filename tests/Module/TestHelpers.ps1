# Dot-sourced by every *.Tests.ps1: imports the built module and loads the bundled data.
$script:ModulePath = if ($env:NEURALNET_MODULE) { $env:NEURALNET_MODULE } else { Join-Path $PSScriptRoot '../../out/NeuralNet/NeuralNet.psd1' }
Import-Module $script:ModulePath -Force
$script:DataFolder = Join-Path $PSScriptRoot '../../examples/data'

function Get-TutorialReference {
    Get-Content (Join-Path $script:DataFolder 'tutorial.json') -Raw | ConvertFrom-Json
}

function ConvertTo-Matrix($rows) {
    , [double[][]]@($rows | ForEach-Object { , [double[]]@($_) })
}

function Get-TutorialRows {
    @(
        [pscustomobject]@{ x1 = 0; x2 = 0; x3 = 1; y = 0 }
        [pscustomobject]@{ x1 = 1; x2 = 1; x3 = 1; y = 1 }
        [pscustomobject]@{ x1 = 1; x2 = 0; x3 = 1; y = 1 }
        [pscustomobject]@{ x1 = 0; x2 = 1; x3 = 1; y = 0 }
    )
}

function New-TutorialNetwork {
    $ref = Get-TutorialReference
    New-NeuralNetwork -LayerSizes 3, 4, 1 -Activation Sigmoid -NoBias -InitialWeights (ConvertTo-Matrix $ref.initialWij), (ConvertTo-Matrix $ref.initialWjk)
}

# Every 5th iris row is held out; the rest trains.
function Get-IrisSplit {
    $rows = Import-Csv (Join-Path $script:DataFolder 'iris.csv')
    $train = [System.Collections.Generic.List[object]]::new(); $test = [System.Collections.Generic.List[object]]::new()
    for ($i = 0; $i -lt $rows.Count; $i++) { if ($i % 5 -eq 0) { $test.Add($rows[$i]) } else { $train.Add($rows[$i]) } }
    [pscustomobject]@{ Train = $train.ToArray(); Test = $test.ToArray() }
}

# A type of the core by name. On PowerShell 7.4 and later (the net8.0 build) the core lives in the
# module's own load context, whose types PowerShell does not resolve by name ([NeuralNet.Core.X]
# fails there, by design): load the core as the cmdlet assembly references it, and ask it.
function Get-CoreType([string] $Name) {
    $reference = [NeuralNet.PowerShell.NeuralNetwork].Assembly.GetReferencedAssemblies() | Where-Object Name -EQ 'NeuralNet.Core'
    [System.Reflection.Assembly]::Load($reference).GetType($Name, $true)
}
