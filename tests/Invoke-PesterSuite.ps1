<#
.SYNOPSIS
    Runs the Pester suite against a built module; called by build.ps1 -Task Test in a fresh PowerShell.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SummaryPath
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:NEURALNET_MODULE = $ModulePath
$configuration = New-PesterConfiguration
$configuration.Run.Path = Join-Path $PSScriptRoot 'Module'
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.Output.RenderMode = 'Plaintext'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path (Split-Path $SummaryPath) 'pester.xml'
$result = Invoke-Pester -Configuration $configuration
# Container failures (a broken BeforeAll, a syntax error) fail the run even when no It failed.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
# The names go into the summary so that build.ps1 can list them beside the last line, where a CI log's tail shows them.
$names = @(
    foreach ($test in $result.Failed) { "$($test.ExpandedPath): $(($test.ErrorRecord | Select-Object -First 1) -replace '\s+', ' ')" }
    foreach ($block in $result.FailedBlocks) { "$($block.Path -join ' '): a block failed" }
    foreach ($container in $result.FailedContainers) { "$($container.Item): the file failed" }
)
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; FailedNames = $names } | ConvertTo-Json -Depth 3 | Set-Content -Path $SummaryPath
