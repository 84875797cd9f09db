<#
.SYNOPSIS
    Builds, tests and demonstrates the NeuralNet module.
.DESCRIPTION
    -Task Build  publishes the projects and assembles the importable module at out/NeuralNet.
    -Task Test   builds, runs the xunit tests of the core and the Pester tests of the module (in a fresh
                 PowerShell), and ends with the line "N passed, N failed"; exits 1 on any failure.
    -Task Demo   builds and runs examples/demo.ps1: the tutorial reproduced, then iris from CSV.
    -Task Bench  builds and runs bench/Invoke-Benchmark.ps1: workloads W1–W4 against numpy,
                 scikit-learn and PyTorch (when Debian's python3 packages are installed); -Workload picks
                 some of them. Not part of Test.
    -Task Clean  removes out/ and artifacts/ and the projects' bin/obj folders.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench: timed runs per workload (after a warm-up); the median is reported.
    [ValidateRange(1, 100)]
    [int] $Runs = 3,

    # Bench: only these workloads (all four by default).
    [ValidateSet('W1', 'W2', 'W3', 'W4')]
    [string[]] $Workload = @('W1', 'W2', 'W3', 'W4')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$out = Join-Path $root 'out/NeuralNet'
$artifacts = Join-Path $root 'artifacts'
$pesterVersion = '5.7.1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Invoke-Build {
    $publish = Join-Path $artifacts 'publish'
    Invoke-Native 'dotnet publish' { dotnet publish (Join-Path $root 'src/NeuralNet.PowerShell') -c $Configuration -o $publish --nologo -v quiet }
    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    New-Item -ItemType Directory -Path $out, (Join-Path $out 'en-US') -Force | Out-Null
    # An explicit list: a missing assembly fails the build instead of a user's Import-Module.
    foreach ($file in 'NeuralNet.PowerShell.dll', 'NeuralNet.Core.dll', 'MathNet.Numerics.dll', 'Sylvan.Data.Csv.dll', 'System.Numerics.Vectors.dll',
        'OnnxSharp.dll', 'Google.Protobuf.dll', 'System.Memory.dll', 'System.Buffers.dll', 'System.Runtime.CompilerServices.Unsafe.dll') {
        Copy-Item (Join-Path $publish $file) $out
    }
    Copy-Item (Join-Path $root 'module/*.psd1'), (Join-Path $root 'module/*.ps1xml') $out
    Get-ChildItem (Join-Path $root 'module/en-US') -File -ErrorAction SilentlyContinue | Copy-Item -Destination (Join-Path $out 'en-US')
    if (Test-Path (Join-Path $out 'System.Management.Automation.dll')) { throw 'System.Management.Automation.dll must never ship with the module.' }
    # MAML help from the XML doc comments and the built cmdlets' metadata, in a fresh PowerShell
    # because a binary module cannot be unloaded from this one.
    dotnet pwsh -NoLogo -NoProfile -NonInteractive -File (Join-Path $root 'tools/New-ModuleHelp.ps1') -ModulePath (Join-Path $out 'NeuralNet.psd1') `
        -DocumentationPath (Join-Path $publish 'NeuralNet.PowerShell.xml') -OutFile (Join-Path $out 'en-US/NeuralNet.PowerShell.dll-Help.xml') | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Generating the help failed (exit code $LASTEXITCODE)." }
    Write-Host "Module assembled at $out"
}

function Get-NuGetPackagesFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = dotnet nuget locals global-packages --list | Select-Object -First 1
    return ($line -replace '^global-packages:\s*', '').Trim()
}

# The xunit projects: the core against plain references, and exported ONNX models run by ONNX Runtime.
function Invoke-CoreTests {
    $results = Join-Path $artifacts 'TestResults'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $passed = 0; $failed = 0; $exit = 0
    foreach ($project in 'NeuralNet.Core.Tests', 'NeuralNet.Onnx.Tests') {
        dotnet test (Join-Path $root "tests/$project") -c $Configuration --nologo `
            --logger "trx;LogFileName=$project.trx" --logger 'console;verbosity=minimal' --results-directory $results | Out-Host
        if ($LASTEXITCODE -ne 0) { $exit = $LASTEXITCODE }
        $trx = Get-ChildItem $results -Filter "$project.trx" -Recurse | Select-Object -First 1
        if (-not $trx) { throw "xunit produced no results for $project (dotnet test exit code $LASTEXITCODE)." }
        $counters = ([xml](Get-Content $trx.FullName -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; ExitCode = $exit }
}

function Invoke-PesterTests {
    Invoke-Native 'restoring Pester' { dotnet restore (Join-Path $root 'tests/tools/Pester.csproj') --nologo -v quiet }
    $pester = Join-Path (Get-NuGetPackagesFolder) "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $pester)) { throw "Pester $pesterVersion was not restored to $pester." }
    $summary = Join-Path $artifacts 'pester-summary.json'
    # Binary modules cannot be unloaded, so the suite runs in a fresh PowerShell against out/NeuralNet.
    dotnet pwsh -NoLogo -NoProfile -NonInteractive -File (Join-Path $root 'tests/Invoke-PesterSuite.ps1') `
        -PesterPath $pester -ModulePath (Join-Path $out 'NeuralNet.psd1') -SummaryPath $summary | Out-Host
    if (-not (Test-Path $summary)) { throw "The Pester run wrote no summary (exit code $LASTEXITCODE)." }
    Get-Content $summary -Raw | ConvertFrom-Json
}

switch ($Task) {
    'Clean' {
        foreach ($path in $out, $artifacts) { if (Test-Path $path) { Remove-Item $path -Recurse -Force } }
        Get-ChildItem $root -Directory -Recurse -Include bin, obj | Where-Object FullName -NotMatch '[\\/]\.' | Remove-Item -Recurse -Force
        Write-Host 'Cleaned.'
    }
    'Build' { Invoke-Build }
    'Demo' {
        Invoke-Build
        dotnet pwsh -NoLogo -NoProfile -NonInteractive -File (Join-Path $root 'examples/demo.ps1') -ModulePath (Join-Path $out 'NeuralNet.psd1')
        if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
    }
    'Bench' {
        Invoke-Build
        dotnet pwsh -NoLogo -NoProfile -NonInteractive -File (Join-Path $root 'bench/Invoke-Benchmark.ps1') -ModulePath (Join-Path $out 'NeuralNet.psd1') -Runs $Runs -Workload ($Workload -join ',')
        if ($LASTEXITCODE -ne 0) { throw "The benchmark failed (exit code $LASTEXITCODE)." }
    }
    'Test' {
        Invoke-Build
        New-Item -ItemType Directory -Path $artifacts -Force | Out-Null
        $core = Invoke-CoreTests
        $module = Invoke-PesterTests
        $passed = $core.Passed + $module.Passed
        $failed = $core.Failed + $module.Failed
        if ($core.ExitCode -ne 0 -and $core.Failed -eq 0) { $failed++ }   # a crashed test run counts as a failure
        Write-Host ''
        Write-Host "xunit: $($core.Passed) passed, $($core.Failed) failed; Pester: $($module.Passed) passed, $($module.Failed) failed"
        Write-Host "$passed passed, $failed failed"
        if ($failed -gt 0) { exit 1 }
    }
}
