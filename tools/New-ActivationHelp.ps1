<#
.SYNOPSIS
    Writes about_NeuralNet_Activations from the activations themselves: each one's formula (its class's
    doc comment), initialisation and bounds (its properties) and ONNX nodes (the exporter's own output),
    so adding an activation needs no edit to any help or documentation file.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocumentationPath,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module $ModulePath
[xml] $docs = Get-Content $DocumentationPath -Raw
$members = @{}
foreach ($member in $docs.doc.members.member) { $members[$member.name] = $member }
# The core lives in the module's own load context on PowerShell 7, where no type name resolves: reach
# it through a parameter's type.
$activation = (Get-Command New-NeuralNetwork).Parameters['Activation'].ParameterType
$table = $activation.Assembly.GetType('NeuralNet.Core.ActivationTable', $true)

# A doc comment as plain text; a reference to a constant reads as its value (LeakyReLU's slope: 0.01).
function Get-Text($node) {
    if (-not $node) { return '' }
    foreach ($see in @($node.SelectNodes('.//see'))) {
        $cref = $see.GetAttribute('cref')
        $text = ($cref -split '\.')[-1]
        if ($cref -match '^F:(.+)\.([^.]+)$') {
            $field = $activation.Assembly.GetType($Matches[1]).GetField($Matches[2])
            if ($field -and $field.IsLiteral) { $text = [string]::Format([cultureinfo]::InvariantCulture, '{0}', $field.GetValue($null)) }
        }
        $see.ParentNode.ReplaceChild($node.OwnerDocument.CreateTextNode($text), $see) | Out-Null
    }
    ($node.InnerText -replace '\s+', ' ').Trim()
}

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

$sections = foreach ($value in [enum]::GetValues($activation.GetElementType() ?? $activation)) {
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

$topic = @"
TOPIC
    about_NeuralNet_Activations

SHORT DESCRIPTION
    The activations a layer can have: each one's formula and derivative,
    initialisation and ONNX form.

LONG DESCRIPTION
    New-NeuralNetwork -Activation sets the hidden layers' activation and
    -OutputActivation the output layer's (Tab completes both). Weights
    start as each activation's initialisation says, unless -WeightInit
    overrides it. This topic is written from the activations' own code
    when the module is built.

$($sections -join "`n`n")

SEE ALSO
    about_NeuralNet_Training
    New-NeuralNetwork
    Export-NeuralNetwork
"@
[System.IO.File]::WriteAllText($OutFile, ($topic -replace "`r`n", "`n"), [System.Text.UTF8Encoding]::new($true))
"Help for $(@($sections).Count) activations written to $OutFile"
