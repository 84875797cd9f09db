<#
.SYNOPSIS
    Writes the about topics of the module's closed sets of choices from the code that defines them, so
    adding a choice needs no edit to any help or documentation file:
    - about_NeuralNet_Activations: each activation's formula (its class's doc comment), initialisation
      and bounds (its properties) and ONNX nodes (the exporter's own output);
    - about_NeuralNet_Optimizers: each optimizer's description (its enum value's doc comment) and
      defaults (its row of the optimizer table).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocumentationPath,
    [Parameter(Mandatory)] [string] $OutFolder
)
. (Join-Path $PSScriptRoot 'HelpSources.ps1') -ModulePath $ModulePath -DocumentationPath $DocumentationPath
$activation = (Get-Command New-NeuralNetwork).Parameters['Activation'].ParameterType

# Text wrapped to the width of the other about topics, every line indented.
function Format-Paragraph([string] $text, [int] $indent) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ''
    foreach ($word in $text -split ' ') {
        if ($line -and ($indent + $line.Length + 1 + $word.Length) -gt 76) { $lines.Add($line); $line = $word }
        else { $line = if ($line) { "$line $word" } else { $word } }
    }
    if ($line) { $lines.Add($line) }
    ($lines | ForEach-Object { (' ' * $indent) + $_ }) -join "`n"
}

function Write-Topic([string] $name, [string] $short, [string] $long, [string[]] $sections, [string[]] $seeAlso) {
    $topic = "TOPIC`n    $name`n`nSHORT DESCRIPTION`n$(Format-Paragraph $short 4)`n`nLONG DESCRIPTION`n$(Format-Paragraph $long 4)`n`n" +
        ($sections -join "`n`n") + "`n`nSEE ALSO`n" + (($seeAlso | ForEach-Object { "    $_" }) -join "`n") + "`n"
    $path = Join-Path $OutFolder "$name.help.txt"
    [System.IO.File]::WriteAllText($path, $topic, [System.Text.UTF8Encoding]::new($true))
    "$name ($(@($sections).Count) entries) written to $path"
}

$table = $core.GetType('NeuralNet.Core.ActivationTable', $true)
$sections = foreach ($value in [enum]::GetValues($activation)) {
    $function = $table::Function($value)
    $type = $function.GetType()
    $formula = Get-Text $members["T:$($type.FullName)"].SelectSingleNode("summary")
    $onnx = $members.Keys | Where-Object { $_ -like "M:$($type.FullName).ToOnnx(*" } | Select-Object -First 1
    $why = if ($onnx) { Get-Text $members[$onnx].SelectSingleNode("summary") } else { '' }
    $facts = "Initialisation: $($function.Initialisation)." + $(if ($function.IsBounded) { ' Its outputs are bounded, so targets are not rescaled for it.' } else { '' }) +
        $(if (-not $function.IsElementwise) { ' Applied to whole rows; meant for the output layer.' } else { '' })
    @("  $value", (Format-Paragraph $formula 4), (Format-Paragraph $facts 4), (Format-Paragraph "ONNX: $($function.OnnxNodes)" 4)) +
        @(if ($why) { Format-Paragraph $why 6 }) -join "`n"
}
Write-Topic 'about_NeuralNet_Activations' "The activations a layer can have: each one's formula and derivative, initialisation and ONNX form." `
    ("New-NeuralNetwork -Activation sets the hidden layers' activation and -OutputActivation the output layer's (Tab completes both). " +
    "Weights start as each activation's initialisation says, unless -WeightInit overrides it. This topic is written from the activations' own code when the module is built.") `
    $sections 'about_NeuralNet_Training', 'New-NeuralNetwork', 'Export-NeuralNetwork'

$kind = (Get-Command Invoke-NetworkTraining).Parameters['Optimizer'].ParameterType
$kind = [Nullable]::GetUnderlyingType($kind) ?? $kind
$rules = $core.GetType('NeuralNet.Core.Optimizers.OptimizerTable', $true)
$resolver = $core.GetType('NeuralNet.Core.Training.Resolver', $true)
$options = $core.GetType('NeuralNet.Core.Training.TrainingOptions', $true)
$sections = foreach ($value in [enum]::GetValues($kind)) {
    $rule = $rules::Rule($value)
    $what = Get-Text $members["F:$($kind.FullName).$value"].SelectSingleNode("summary")
    $rate = $rule.DefaultLearningRate.ToString([cultureinfo]::InvariantCulture)
    $facts = if (-not $rule.IsUpdateRule) { 'Runs its own full-batch loop (an epoch is one accepted step): -LearningRate and -BatchSize do not apply.' }
        elseif ($rule.EveryRowByDefault) { "Default -LearningRate: $rate; -BatchSize: every row." }
        else { "Default -LearningRate: $rate; -BatchSize: $($resolver::DefaultBatchSize) rows." }
    @("  $value", (Format-Paragraph $what 4), (Format-Paragraph $facts 4)) -join "`n"
}
Write-Topic 'about_NeuralNet_Optimizers' 'The optimizers Invoke-NetworkTraining can train with, and their defaults.' `
    ("Invoke-NetworkTraining -Optimizer chooses one (Tab completes it). Without it: $($resolver::DescribeDefault($options, 'Optimizer')) " +
    "-L2 adds weight decay to any of them. This topic is written from the optimizer table when the module is built.") `
    $sections 'about_NeuralNet_Training', 'Invoke-NetworkTraining'
