# What both help writers read, dot-sourced by each: the built module, the members of a documentation
# file (the compiler's XML doc comments) by name, and their text.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocumentationPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$module = Import-Module $ModulePath -PassThru
[xml] $docs = Get-Content $DocumentationPath -Raw
$members = @{}
foreach ($member in $docs.doc.members.member) { $members[$member.name] = $member }
# The core lives in the module's own load context on PowerShell 7, where no type name resolves: reach
# it through a parameter's type.
$core = (Get-Command New-NeuralNetwork).Parameters['Activation'].ParameterType.Assembly

# A doc comment as plain text; a reference to a constant reads as its value (LeakyReLU's slope: 0.01).
function Get-Text($node) {
    if (-not $node) { return '' }
    if ($node -is [string]) { return ($node -replace '\s+', ' ').Trim() }
    foreach ($see in @($node.SelectNodes('.//see'))) {
        $cref = $see.GetAttribute('cref')
        $text = ($cref -split '\.')[-1]
        if ($cref -match '^F:(.+)\.([^.]+)$') {
            $field = $core.GetType($Matches[1]).GetField($Matches[2])
            if ($field -and $field.IsLiteral) { $text = [string]::Format([cultureinfo]::InvariantCulture, '{0}', $field.GetValue($null)) }
        }
        $see.ParentNode.ReplaceChild($node.OwnerDocument.CreateTextNode($text), $see) | Out-Null
    }
    ($node.InnerText -replace '\s+', ' ').Trim()
}
