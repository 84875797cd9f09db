# Finds the PowerShell code the module documents (README.md's ```powershell blocks, the examples of the
# about_* topics, every cmdlet's Get-Help examples) and runs it as written, for Readme.Tests.ps1.
# Dot-sourced; nothing here runs on its own.

# One fenced block of a Markdown file: its section (the nearest heading), language, code, the HTML
# comment right before it (a marker such as "parse-only: needs remote hosts"), the unlabelled block
# right after it (the output the README shows) and its first line number.
function Get-MarkdownBlock([string] $Path) {
    $lines = Get-Content $Path
    $section = '(top)'; $marker = $null; $index = 0
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^#{1,6}\s+(.+?)\s*$') {
            # "2. Iris from CSV ([02-iris.ps1](examples/02-iris.ps1))" is the section "2. Iris from CSV".
            $section = $Matches[1] -replace '\s*\(\[[^\]]*\]\([^)]*\)\)', ''
            $marker = $null; continue
        }
        if ($line -match '^<!--\s*(.+?)\s*-->\s*$') { $marker = $Matches[1]; continue }
        if ($line -notmatch '^```(\w*)\s*$') { if ($line.Trim()) { $marker = $null }; continue }
        $language = $Matches[1]; $start = $i + 1
        $body = [System.Collections.Generic.List[string]]::new()
        for ($i++; $i -lt $lines.Count -and $lines[$i] -notmatch '^```\s*$'; $i++) { $body.Add($lines[$i]) }
        $output = $null
        if ($language -eq 'powershell') {
            # The output shown for a block is an unlabelled block after nothing but blank lines.
            $j = $i + 1
            while ($j -lt $lines.Count -and -not $lines[$j].Trim()) { $j++ }
            if ($j -lt $lines.Count -and $lines[$j] -match '^```\s*$') {
                $shown = [System.Collections.Generic.List[string]]::new()
                for ($j++; $j -lt $lines.Count -and $lines[$j] -notmatch '^```\s*$'; $j++) { $shown.Add($lines[$j]) }
                $output = $shown -join "`n"
                $i = $j
            }
        }
        $index++
        [pscustomobject]@{
            Document = Split-Path $Path -Leaf; Section = $section; Index = $index; Language = $language
            Code = $body -join "`n"; Marker = $marker; Output = $output; Line = $start + 1
        }
        $marker = $null
    }
}

# The code of an about_* topic: its EXAMPLES section, and the blocks of the LONG DESCRIPTION indented
# as code (eight spaces), each dedented.
function Get-AboutExample([string] $Path) {
    $lines = Get-Content $Path
    $topic = [IO.Path]::GetFileNameWithoutExtension([IO.Path]::GetFileNameWithoutExtension($Path))
    $blocks = [System.Collections.Generic.List[object]]::new()
    $current = $null; $heading = $null
    $flush = {
        if ($current -and ($current | Where-Object { $_.Trim() })) {
            $indent = ($current | Where-Object { $_.Trim() } | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
            $code = ($current | ForEach-Object { if ($_.Length -ge $indent) { $_.Substring($indent) } else { '' } }) -join "`n"
            $blocks.Add([pscustomobject]@{ Document = $topic; Section = $heading; Index = $blocks.Count + 1; Language = 'powershell'; Code = $code.Trim("`n"); Marker = $null; Output = $null; Line = 0 })
        }
    }
    foreach ($line in $lines) {
        if ($line -match '^ {0,2}([A-Z][A-Z ]+)$') {
            & $flush; $current = $null; $heading = $Matches[1].Trim()
            if ($heading -eq 'EXAMPLES') { $current = [System.Collections.Generic.List[string]]::new() }
            continue
        }
        if ($heading -eq 'EXAMPLES') { $current.Add($line); continue }
        if ($line -match '^ {8}\S' -or ($current -and $line -match '^ {9,}\S')) {
            if (-not $current) { $current = [System.Collections.Generic.List[string]]::new() }
            $current.Add($line)
        }
        elseif ($current) { & $flush; $current = $null }
    }
    & $flush
    $blocks
}

# The <example> code of a cmdlet's Get-Help, one block per example, each line trimmed of the
# indentation the MAML generator keeps.
function Get-HelpExample([string] $Name) {
    $index = 0
    foreach ($example in @((Get-Help $Name -Full).examples.example)) {
        $index++
        $code = (($example.code -split "`r?`n") | ForEach-Object { $_.Trim() }) -join "`n"
        [pscustomobject]@{ Document = $Name; Section = "Example $index"; Index = $index; Language = 'powershell'; Code = $code; Marker = $null; Output = $null; Line = 0 }
    }
}

# Every -Parameter a block passes to a command that exists here, and whether the command has it
# (by name or alias). Commands that do not resolve (native tools, functions of the block) are left out.
function Get-ParameterUse([string] $Code) {
    $tokens = $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors)
    foreach ($command in $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        $name = $command.GetCommandName()
        if (-not $name) { continue }
        $info = Get-Command $name -ErrorAction Ignore | Select-Object -First 1
        if ($info -is [System.Management.Automation.AliasInfo]) { $info = $info.ResolvedCommand }
        if (-not $info -or $info -is [System.Management.Automation.ApplicationInfo]) { continue }
        $known = @($info.Parameters.Values | ForEach-Object { $_.Name; $_.Aliases })
        foreach ($parameter in $command.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
            [pscustomobject]@{ Command = $info.Name; Parameter = $parameter.ParameterName; Exists = $parameter.ParameterName -in $known; Text = $command.Extent.Text }
        }
    }
}

# Syntax errors of a block, as "line:column message".
function Get-SyntaxError([string] $Code) {
    $tokens = $errors = $null
    [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors) | Out-Null
    foreach ($e in $errors) { "$($e.Extent.StartLineNumber):$($e.Extent.StartColumnNumber) $($e.Message)" }
}

# What a shown output promises, for comparison with what the block printed: the column names of each
# table header (a line above a line of dashes), the labels of list entries ("Name : value"), and every
# other word of three letters or more. Numbers are left out: a seeded run is exact on one machine, and
# the README's numbers are examples, not a test of the arithmetic.
function Get-OutputPromise([string] $Shown) {
    $lines = $Shown -split "`n"
    $headers = [System.Collections.Generic.List[string]]::new()
    $labels = [System.Collections.Generic.List[string]]::new()
    $words = [System.Collections.Generic.HashSet[string]]::new()
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($i + 1 -lt $lines.Count -and $lines[$i + 1] -match '^[\s-]*-{2,}[\s-]*$' -and $line.Trim() -and $line -notmatch '^[\s-]*$') {
            # In a list entry holding a table (PerClass : Class Precision …) the header follows the label.
            $header = $line -replace '^\s*\w+\s+:\s', ''
            $headers.Add((($header.Trim() -split '\s+') -join ' '))
        }
        if ($line -match '^(\w+)\s+:\s') { $labels.Add($Matches[1]) }
        foreach ($m in [regex]::Matches($line, '[A-Za-z_][A-Za-z_0-9]{2,}')) { [void]$words.Add($m.Value) }
    }
    [pscustomobject]@{ Headers = @($headers); Labels = @($labels); Words = @($words) }
}

# Runs the contexts of a plan in a fresh PowerShell, each context in its own folder and scope, its
# blocks in order; see Invoke-DocumentedCode.ps1 for what a context holds. Returns one result per
# block (a block that did not finish in time gets TimedOut). Stops the child after $BlockSeconds
# without a finished block.
function Invoke-DocumentedPlan {
    param([object[]] $Contexts, [string] $WorkFolder, [int] $BlockSeconds = 90, [hashtable] $Environment = @{})
    $plan = Join-Path $WorkFolder 'plan.json'
    $results = Join-Path $WorkFolder 'results.jsonl'
    ConvertTo-Json -InputObject @($Contexts) -Depth 6 | Set-Content $plan
    $runner = Join-Path $PSScriptRoot 'Invoke-DocumentedCode.ps1'
    $start = [System.Diagnostics.ProcessStartInfo]::new((Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')))
    foreach ($argument in '-NoLogo', '-NoProfile', '-NonInteractive', '-File', $runner, '-PlanPath', $plan, '-ResultPath', $results) { $start.ArgumentList.Add($argument) }
    $start.WorkingDirectory = $WorkFolder
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true; $start.RedirectStandardError = $true
    foreach ($key in $Environment.Keys) { $start.Environment[$key] = $Environment[$key] }
    $process = [System.Diagnostics.Process]::Start($start)
    $stdout = $process.StandardOutput.ReadToEndAsync(); $stderr = $process.StandardError.ReadToEndAsync()
    [pscustomobject]@{ Process = $process; Results = $results; StdOut = $stdout; StdErr = $stderr; BlockSeconds = $BlockSeconds }
}

# Waits for a plan started by Invoke-DocumentedPlan and reads its results (keyed by block id).
function Wait-DocumentedPlan($Run) {
    $lastProgress = [datetime]::UtcNow; $seen = 0
    while (-not $Run.Process.HasExited) {
        Start-Sleep -Milliseconds 200
        $count = if (Test-Path $Run.Results) { @(Get-Content $Run.Results).Count } else { 0 }
        if ($count -ne $seen) { $seen = $count; $lastProgress = [datetime]::UtcNow }
        if (([datetime]::UtcNow - $lastProgress).TotalSeconds -gt $Run.BlockSeconds) { $Run.Process.Kill($true); break }
    }
    $Run.Process.WaitForExit()
    $byId = @{}
    if (Test-Path $Run.Results) {
        foreach ($line in Get-Content $Run.Results) {
            $record = $line | ConvertFrom-Json
            if ($record.Kind -eq 'Started') { $byId[$record.Id] = [pscustomobject]@{ Id = $record.Id; TimedOut = $true; Errors = @(); Output = ''; Warnings = @(); Seconds = $null } }
            else { $byId[$record.Id] = $record }
        }
    }
    [pscustomobject]@{ Blocks = $byId; ExitCode = $Run.Process.ExitCode; StdErr = $Run.StdErr.Result; StdOut = $Run.StdOut.Result }
}
