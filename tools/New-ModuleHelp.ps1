<#
.SYNOPSIS
    Writes the module's MAML help (en-US/NeuralNet.PowerShell.dll-Help.xml) from the cmdlets' XML doc
    comments and the built module's parameter metadata, so help has one source next to the code.
.DESCRIPTION
    Run by build.ps1 in a fresh PowerShell (a binary module cannot be unloaded). For each exported
    cmdlet: synopsis and description from the class's <para type="synopsis"/"description">, examples
    from its <example><code/><para/></example> elements, every parameter's description from the
    property's <para type="description">, and from Get-Command: parameter sets, types, positions,
    pipeline input and aliases. Defaults are read from a fresh instance of the cmdlet class.
    Related links: the cmdlets the examples use, and about_NeuralNet.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocumentationPath,
    [Parameter(Mandatory)] [string] $OutFile
)
. (Join-Path $PSScriptRoot 'HelpSources.ps1') -ModulePath $ModulePath -DocumentationPath $DocumentationPath
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Get-Paragraphs($member, [string] $type) {
    if (-not $member) { return @() }
    @($member.SelectNodes(".//para[@type='$type']") | ForEach-Object { Get-Text $_ } | Where-Object { $_ })
}

# A parameter that binds to a core option (the cmdlet's [BindsOptions]) has the core's default: its
# description from the Resolver where the core decides it, else the option's initial value.
function Get-DefaultValue([type] $implementing, [string] $property) {
    $binds = @($implementing.GetCustomAttributes([NeuralNet.PowerShell.BindsOptionsAttribute], $true))
    foreach ($options in @($binds | ForEach-Object Types)) {
        if (-not $options.GetProperty($property)) { continue }
        # The core lives in the module's own load context on PowerShell 7, where PowerShell resolves no
        # type name: reach its Resolver through the options type's assembly.
        $resolver = $options.Assembly.GetType('NeuralNet.Core.Training.Resolver', $true)
        $described = $resolver::DescribeDefault($options, $property)
        if ($described) { return $described }
        $value = $options.GetProperty($property).GetValue([Activator]::CreateInstance($options))
        if ($null -eq $value) { return 'None' }
        if ($value -is [array]) { return $(if ($value.Count) { $value -join ', ' } else { 'None' }) }
        if ($value -is [char]) { return "'$value'" }
        if ($value -is [enum] -or $value -is [bool]) { return "$value" }
        if ($value -is [IFormattable]) { return $value.ToString($null, [cultureinfo]::InvariantCulture) }
        return "$value"
    }
    try {
        $instance = [Activator]::CreateInstance($implementing)
        $value = $implementing.GetProperty($property).GetValue($instance)
    }
    catch { return 'None' }
    Format-DefaultValue $value
}

function Format-DefaultValue($value) {
    if ($null -eq $value) { return 'None' }
    if ($value -is [System.Management.Automation.SwitchParameter]) { return $(if ($value.IsPresent) { 'True' } else { 'False' }) }
    if ($value -is [string] -and $value -eq '') { return 'None' }
    if ($value -is [char]) { return "'$value'" }
    if ($value -is [array]) { return $(if ($value.Count) { $value -join ', ' } else { 'None' }) }
    if ($value -is [double] -and $value -eq 0) { return 'None' }
    if ($value -is [int] -and $value -eq 0) { return 'None' }
    if ($value -is [IFormattable]) { return $value.ToString($null, [cultureinfo]::InvariantCulture) }
    "$value"
}

function Get-ParameterAttributes($cmd, [string] $name) {
    @($cmd.Parameters[$name].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
}

function Get-PipelineInput($parameter) {
    # Across every parameter set: a parameter that takes pipeline input in any set takes it.
    $attributes = Get-ParameterAttributes $cmd $parameter.Name
    $byValue = [bool]($attributes | Where-Object ValueFromPipeline); $byName = [bool]($attributes | Where-Object ValueFromPipelineByPropertyName)
    if ($byValue -and $byName) { return 'True (ByValue, ByPropertyName)' }
    if ($byValue) { return 'True (ByValue)' }
    if ($byName) { return 'True (ByPropertyName)' }
    'False'
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$temporary = "$OutFile.tmp"
$w = [System.Xml.XmlWriter]::Create($temporary, $settings)
$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
$cmdlets = Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name
foreach ($cmd in $cmdlets) {
    $type = $cmd.ImplementingType
    $doc = $members["T:$($type.FullName)"]
    $synopsis = Get-Paragraphs $doc 'synopsis'
    $description = Get-Paragraphs $doc 'description'
    $w.WriteStartElement('command', 'command', $command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $w.WriteStartElement('command', 'details', $command)
    $w.WriteElementString('command', 'name', $command, $cmd.Name)
    $w.WriteElementString('command', 'verb', $command, $cmd.Verb)
    $w.WriteElementString('command', 'noun', $command, $cmd.Noun)
    $w.WriteStartElement('maml', 'description', $maml); foreach ($p in $synopsis) { $w.WriteElementString('maml', 'para', $maml, $p) }; $w.WriteEndElement()
    $w.WriteEndElement()
    $w.WriteStartElement('maml', 'description', $maml); foreach ($p in $description) { $w.WriteElementString('maml', 'para', $maml, $p) }; $w.WriteEndElement()

    $parameters = [ordered]@{}
    $w.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $cmd.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $command)
        $w.WriteElementString('maml', 'name', $maml, $cmd.Name)
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            if (-not $parameters.Contains($p.Name)) { $parameters[$p.Name] = $p }
            $w.WriteStartElement('command', 'parameter', $command)
            $w.WriteAttributeString('required', "$($p.IsMandatory)".ToLowerInvariant())
            $w.WriteAttributeString('position', $(if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }))
            $w.WriteElementString('maml', 'name', $maml, $p.Name)
            if ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
                $w.WriteStartElement('command', 'parameterValue', $command); $w.WriteAttributeString('required', 'true'); $w.WriteString($p.ParameterType.Name); $w.WriteEndElement()
            }
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $command)
    foreach ($p in $parameters.Values) {
        $declaring = $type.GetProperty($p.Name).DeclaringType
        $property = $members["P:$($declaring.FullName).$($p.Name)"]
        $required = -not (Get-ParameterAttributes $cmd $p.Name | Where-Object { -not $_.Mandatory })
        $w.WriteStartElement('command', 'parameter', $command)
        $w.WriteAttributeString('required', "$required".ToLowerInvariant())
        $w.WriteAttributeString('pipelineInput', (Get-PipelineInput $p))
        $w.WriteAttributeString('position', $(if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }))
        $w.WriteAttributeString('globbing', $(if ($p.Name -eq 'Path' -and $cmd.Name -notmatch '^Export-') { 'true' } else { 'false' }))
        $w.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
        $w.WriteElementString('maml', 'name', $maml, $p.Name)
        $w.WriteStartElement('maml', 'description', $maml)
        foreach ($text in (Get-Paragraphs $property 'description')) { $w.WriteElementString('maml', 'para', $maml, $text) }
        $w.WriteEndElement()
        if ($p.ParameterType.IsEnum) {
            $w.WriteStartElement('command', 'parameterValueGroup', $command)
            foreach ($name in [enum]::GetNames($p.ParameterType)) { $w.WriteStartElement('command', 'parameterValue', $command); $w.WriteAttributeString('required', 'false'); $w.WriteString($name); $w.WriteEndElement() }
            $w.WriteEndElement()
        }
        $w.WriteStartElement('command', 'parameterValue', $command); $w.WriteAttributeString('required', 'true'); $w.WriteString($p.ParameterType.Name); $w.WriteEndElement()
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $p.ParameterType.FullName); $w.WriteEndElement()
        $w.WriteElementString('dev', 'defaultValue', $dev, (Get-DefaultValue $type $p.Name))
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'inputTypes', $command)
    $inputs = @($parameters.Values | Where-Object { (Get-PipelineInput $_) -ne 'False' })
    if (-not $inputs) { $inputs = @($null) }
    foreach ($p in $inputs) {
        $w.WriteStartElement('command', 'inputType', $command)
        $w.WriteStartElement('dev', 'type', $dev)
        $w.WriteElementString('maml', 'name', $maml, $(if ($p) { $p.ParameterType.FullName } else { 'None' }))
        $w.WriteEndElement()
        $w.WriteStartElement('maml', 'description', $maml)
        $w.WriteElementString('maml', 'para', $maml, $(if ($p) { "You can pipe objects to -$($p.Name) ($(Get-PipelineInput $p))." } else { 'This cmdlet takes no pipeline input.' }))
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'returnValues', $command)
    foreach ($output in $cmd.OutputType) {
        $w.WriteStartElement('command', 'returnValue', $command)
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $output.Name); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $examples = @(if ($doc) { $doc.SelectNodes('example') })
    $related = [System.Collections.Generic.List[string]]::new()
    $w.WriteStartElement('command', 'examples', $command)
    $n = 0
    foreach ($example in $examples) {
        $n++
        $code = (($example.SelectSingleNode('code').InnerText -split "`n" | ForEach-Object { $_.TrimEnd() }) -join "`n").Trim()
        $w.WriteStartElement('command', 'example', $command)
        $w.WriteElementString('maml', 'title', $maml, "---------- Example $n ----------")
        $w.WriteElementString('dev', 'code', $dev, $code)
        $w.WriteStartElement('dev', 'remarks', $dev)
        foreach ($para in $example.SelectNodes('para')) { $w.WriteElementString('maml', 'para', $maml, (Get-Text $para)) }
        $w.WriteEndElement()
        $w.WriteEndElement()
        foreach ($other in $cmdlets.Name) { if ($other -ne $cmd.Name -and $code -match [regex]::Escape($other) -and -not $related.Contains($other)) { $related.Add($other) } }
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $command)
    foreach ($link in @($related) + 'about_NeuralNet', 'about_NeuralNet_Training') {
        $w.WriteStartElement('maml', 'navigationLink', $maml); $w.WriteElementString('maml', 'linkText', $maml, $link); $w.WriteElementString('maml', 'uri', $maml, ''); $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Close()
Move-Item $temporary $OutFile -Force
"Help for $($cmdlets.Count) cmdlets written to $OutFile"
