<#
.SYNOPSIS
    Runs documented code as a user would type it, for Readme.Tests.ps1 (through Invoke-DocumentedPlan).
.DESCRIPTION
    The plan is a JSON list of contexts. Each context runs in its own folder and its own scope, so the
    variables of one never reach another; its blocks run in order in that scope, each after its
    preamble (the variables an earlier part of the document would have defined). Every block gets a
    line in the result file when it starts and one when it ends: its output as the console would show
    it, its errors (id, category, message, where), its warnings and its time. A block stops at its
    first error, as $ErrorActionPreference = 'Stop' makes it.
#>
param(
    [Parameter(Mandatory)] [string] $PlanPath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ProgressPreference = 'SilentlyContinue'
$PSStyle.OutputRendering = 'PlainText'
$plan = Get-Content $PlanPath -Raw | ConvertFrom-Json

function Write-Result($record) {
    Add-Content -LiteralPath $ResultPath -Value ($record | ConvertTo-Json -Depth 5 -Compress)
}

function Get-ErrorSummary([System.Management.Automation.ErrorRecord] $record) {
    [ordered]@{
        Id = $record.FullyQualifiedErrorId; Category = "$($record.CategoryInfo.Category)"; Message = $record.Exception.Message
        Exception = $record.Exception.GetType().FullName; Where = "$($record.InvocationInfo.PositionMessage)"
    }
}

# The top-level statements of a block, as text; the whole block when it has named blocks or a param().
function Split-Statement([string] $code) {
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref] $null, [ref] $null)
    if ($ast.ParamBlock -or $ast.BeginBlock -or $ast.ProcessBlock -or -not $ast.EndBlock) { return , $code }
    foreach ($statement in $ast.EndBlock.Statements) { $statement.Extent.Text }
}

foreach ($context in $plan) {
    Set-Location -LiteralPath $context.Folder
    [Environment]::CurrentDirectory = $context.Folder
    # A scope per context: what its blocks define stays in it.
    & {
        param($blocks)
        foreach ($__block in $blocks) {
            Write-Result ([ordered]@{ Kind = 'Started'; Id = $__block.Id })
            $__errors = [System.Collections.Generic.List[object]]::new()
            $__warnings = [System.Collections.Generic.List[string]]::new()
            $__text = [System.Collections.Generic.List[string]]::new()
            $__clock = [System.Diagnostics.Stopwatch]::StartNew()
            $ErrorActionPreference = 'Stop'
            try {
                if ($__block.Preamble) { . ([scriptblock]::Create($__block.Preamble)) | Out-Null }
                # Statement by statement, each output formatted on its own, as a console shows the
                # lines of a block typed one after the other.
                foreach ($__statement in (Split-Statement $__block.Code)) {
                    $__items = [System.Collections.Generic.List[object]]::new()
                    # Dot-sourced, so that what a statement defines is there for the next one.
                    . ([scriptblock]::Create($__statement)) *>&1 | ForEach-Object {
                        if ($_ -is [System.Management.Automation.ErrorRecord]) { $__errors.Add((Get-ErrorSummary $_)) }
                        elseif ($_ -is [System.Management.Automation.WarningRecord]) { $__warnings.Add($_.Message) }
                        elseif ($_ -is [System.Management.Automation.VerboseRecord] -or $_ -is [System.Management.Automation.DebugRecord]) { }
                        elseif ($_ -is [System.Management.Automation.InformationRecord]) { $__items.Add("$($_.MessageData)") }
                        else { $__items.Add($_) }
                    }
                    if ($__items.Count) { $__text.Add(($__items | Out-String -Width 160)) }
                }
            }
            catch {
                $__errors.Add((Get-ErrorSummary $_))
            }
            $ErrorActionPreference = 'Continue'
            Write-Result ([ordered]@{
                Kind = 'Finished'; Id = $__block.Id; TimedOut = $false; Errors = @($__errors); Warnings = @($__warnings)
                Output = ($__text -join ''); Seconds = [math]::Round($__clock.Elapsed.TotalSeconds, 2)
            })
        }
    } $context.Blocks
}
