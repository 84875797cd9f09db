# Random search and successive halving against the full grid, on digits and iris, with the same search
# space: the best mean 3-fold score each finds (the mean over seeds 1, 2, 3; for halving, the best of its
# last rung) and the epochs each spends (summed over configurations, rungs and folds). The README's table
# under 'Experiments at any scale' comes from it. Run it alone:
#   flock -x /tmp/nn-cpu.lock dotnet pwsh ./bench/Compare-Search.ps1 -Module ./out/NeuralNet/NeuralNet.psd1
param([Parameter(Mandatory)] [string] $Module, [int[]] $Seeds = (1, 2, 3))
$ErrorActionPreference = 'Stop'
Import-Module (Resolve-Path $Module).Path
$data = Join-Path $PSScriptRoot '../examples/data'

# The grid's 24 points and the space they sample: the same sizes, the same ranges of rate and penalty.
$grid = @{ HiddenLayers = 16, 32, 64; LearningRate = 0.001, 0.003, 0.01, 0.03; L2 = 0, 0.0001 }
$space = @{ HiddenLayers = 16, 32, 64; LearningRate = 'LogUniform(0.001,0.03)'; L2 = 'Uniform(0,0.0001)' }
$sets = @(
    @{ Name = 'digits'; Path = Join-Path $data 'digits.csv'; Target = 'digit'; Epochs = 30 }
    @{ Name = 'iris'; Path = Join-Path $data 'iris.csv'; Target = 'species'; Epochs = 60 }
)

function Get-Spent($Results) {
    # Budget is each result's epochs per fold; three folds each.
    ($Results | ForEach-Object { 3 * $(if ($_.Budget) { $_.Budget } else { $_.Epochs }) } | Measure-Object -Sum).Sum
}
function Get-Best($Results) {
    $last = $Results
    if ($Results[0].PSObject.Properties['Rung'] -and $null -ne $Results[0].Rung) {
        $top = ($Results | Measure-Object -Property Rung -Maximum).Maximum
        $last = $Results | Where-Object Rung -EQ $top
    }
    ($last | Measure-Object -Property MeanScore -Maximum).Maximum
}

$table = foreach ($set in $sets) {
    $common = @{ Path = $set.Path; Target = $set.Target; Folds = 3 }
    $methods = [ordered]@{
        "grid: 24 configurations × $($set.Epochs) epochs" = @{ ParameterGrid = $grid; Epochs = $set.Epochs }
        "random: 24 draws × $($set.Epochs) epochs" = @{ Search = 'Random'; Trials = 24; ParameterSpace = $space; Epochs = $set.Epochs }
        'halving over the grid' = @{ Search = 'Halving'; ParameterGrid = $grid; Epochs = $set.Epochs }
        'halving over 81 draws' = @{ Search = 'Halving'; Trials = 81; ParameterSpace = $space; MinBudget = $set.Epochs / 15; Epochs = $set.Epochs * 9 / 5 }
    }
    foreach ($method in $methods.Keys) {
        $best = @(); $spent = 0; $budgets = ''
        foreach ($seed in $Seeds) {
            $options = $methods[$method]
            $results = @(Invoke-NetworkExperiment @common @options -Seed $seed)
            $best += Get-Best $results
            $spent = Get-Spent $results
            $budgets = (($results | ForEach-Object { if ($_.Budget) { $_.Budget } else { $_.Epochs } } | Sort-Object -Unique) -join ', ')
        }
        [pscustomobject]@{
            Data = $set.Name; Method = $method; Budgets = $budgets
            BestScore = ($best | Measure-Object -Average).Average.ToString("0.0000", [cultureinfo]::InvariantCulture); EpochsSpent = [int]$spent
        }
    }
}
$table | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
