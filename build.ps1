<#
.SYNOPSIS
    Builds, tests and demonstrates the NeuralNet module.
.DESCRIPTION
    -Task Build  publishes the projects and assembles the importable module at out/NeuralNet.
    -Task Package  builds, then packs out/NeuralNet into artifacts/package/NeuralNet.<version>.nupkg
                 with PSResourceGet's Compress-PSResource, the layout Publish-PSResource uploads, so a
                 folder of it is a repository Install-PSResource installs from.
    -Task Test   builds and packs, runs the xunit tests of the core (the kernel tests again with AVX-512F and with
                 AVX2 disabled) and the Pester tests of the module once under each build (net8.0 and
                 netstandard2.0, in fresh PowerShells), and ends with the line "N passed, N failed";
                 exits 1 on any failure.
    -Task Demo   builds and runs examples/demo.ps1: the tutorial reproduced, then iris from CSV.
    -Task Bench  builds and runs bench/Invoke-Benchmark.ps1: workloads W1–W5 against numpy,
                 scikit-learn, PyTorch and pandas, and the kernels on the W3 shapes against numpy's
                 matmul (when Debian's python3 packages are installed; the header names their BLAS);
                 -Workload picks some of them. Not part of Test.
    -Task Clean  removes out/ and artifacts/ and the projects' bin/obj folders.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Package', 'Test', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench: timed runs per workload (after a warm-up); the median is reported.
    [ValidateRange(1, 100)]
    [int] $Runs = 3,

    # Bench: only these workloads (all by default; Kernels: our products on the W3 shapes against numpy's).
    [ValidateSet('W1', 'W2', 'W3', 'W4', 'W5', 'Kernels')]
    [string[]] $Workload = @('W1', 'W2', 'W3', 'W4', 'W5', 'Kernels')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$out = Join-Path $root 'out/NeuralNet'
$artifacts = Join-Path $root 'artifacts'
$packageFolder = Join-Path $artifacts 'package'
# The version has one source, the module's manifest; src/Directory.Build.props reads the same line.
$version = (Import-PowerShellDataFile (Join-Path $root 'module/NeuralNet.psd1')).ModuleVersion
$pesterVersion = '5.7.1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

# The module's two builds, each in its own folder with the assemblies it loads (an explicit list: a
# missing assembly fails the build instead of a user's Import-Module). module/NeuralNet.psm1 picks one.
# The net8.0 build keeps the core and its dependencies in dependencies/, which only the module's own
# load context reads (src/NeuralNet.PowerShell/Loading): other versions of them can load beside it.
$dependencies = @('NeuralNet.Core.dll', 'MathNet.Numerics.dll', 'Sylvan.Data.Csv.dll', 'OnnxSharp.dll', 'Google.Protobuf.dll')
$builds = [ordered]@{
    'net8.0'         = @('NeuralNet.PowerShell.dll') + @($dependencies | ForEach-Object { "dependencies/$_" })
    'netstandard2.0' = @('NeuralNet.PowerShell.dll') + $dependencies + @('System.Numerics.Vectors.dll', 'System.Memory.dll', 'System.Buffers.dll',
        'System.Runtime.CompilerServices.Unsafe.dll')
}

function Invoke-Build {
    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    New-Item -ItemType Directory -Path $out, (Join-Path $out 'en-US') -Force | Out-Null
    foreach ($build in $builds.Keys) {
        $publish = Join-Path $artifacts "publish/$build"
        Invoke-Native "dotnet publish ($build)" { dotnet publish (Join-Path $root 'src/NeuralNet.PowerShell') -c $Configuration -f $build -o $publish --nologo -v quiet }
        $folder = New-Item -ItemType Directory -Path (Join-Path $out $build) -Force
        foreach ($file in $builds[$build]) {
            $destination = Join-Path $folder $file
            New-Item -ItemType Directory -Path (Split-Path $destination) -Force | Out-Null
            Copy-Item (Join-Path $publish (Split-Path $file -Leaf)) $destination
        }
        foreach ($assembly in 'NeuralNet.PowerShell.dll', 'NeuralNet.Core.dll') {
            $stamped = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $publish $assembly)).Version
            if ($stamped.ToString(3) -ne $version) { throw "$assembly ($build) has version $stamped, not the manifest's $version." }
        }
        # The build's manifest carries the module's version too.
        (Get-Content (Join-Path $root 'module/NeuralNet.Binary.psd1') -Raw) -replace "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`${1}'$version'" |
            Set-Content -Path (Join-Path $folder 'NeuralNet.Binary.psd1') -NoNewline
    }
    Copy-Item (Join-Path $root 'module/NeuralNet.psd1'), (Join-Path $root 'module/NeuralNet.psm1'), (Join-Path $root 'module/*.ps1xml') $out
    Copy-Item (Join-Path $root 'LICENSE'), (Join-Path $root 'CHANGELOG.md'), (Join-Path $root 'THIRD-PARTY-NOTICES.md') $out
    Get-ChildItem (Join-Path $root 'module/en-US') -File -ErrorAction SilentlyContinue | Copy-Item -Destination (Join-Path $out 'en-US')
    if (Get-ChildItem $out -Recurse -Filter 'System.Management.Automation.dll') { throw 'System.Management.Automation.dll must never ship with the module.' }
    # MAML help from the XML doc comments and the built cmdlets' metadata, in a fresh PowerShell
    # because a binary module cannot be unloaded from this one. Both builds have the same cmdlets.
    dotnet pwsh -NoLogo -NoProfile -NonInteractive -File (Join-Path $root 'tools/New-ModuleHelp.ps1') -ModulePath (Join-Path $out 'NeuralNet.psd1') `
        -DocumentationPath (Join-Path $artifacts 'publish/net8.0/NeuralNet.PowerShell.xml') -OutFile (Join-Path $out 'en-US/NeuralNet.PowerShell.dll-Help.xml') | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Generating the help failed (exit code $LASTEXITCODE)." }
    # The about topics of the activations and optimizers, from the code that defines them.
    dotnet pwsh -NoLogo -NoProfile -NonInteractive -File (Join-Path $root 'tools/New-ChoiceHelp.ps1') -ModulePath (Join-Path $out 'NeuralNet.psd1') `
        -DocumentationPath (Join-Path $artifacts 'publish/net8.0/NeuralNet.Core.xml') -OutFolder (Join-Path $out 'en-US') | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Generating the about topics of the choices failed (exit code $LASTEXITCODE)." }
    Write-Host "Module assembled at $out"
}

# The package, made by PSResourceGet itself (it ships with PowerShell 7.4 and later): the .nuspec from
# the manifest (id, version, authors, owners, licenseUrl, projectUrl, description, releaseNotes,
# copyright, tags), [Content_Types].xml, _rels/.rels, package/services/metadata/core-properties/*.psmdcp
# and the module's files at the root. Compress-PSResource creates PSResourceGet's repository store if
# there is none, so it runs in a PowerShell whose data folder is a temporary one (XDG_DATA_HOME; on
# Windows the store's folder cannot be moved, and the default store it creates registers nothing).
function Invoke-Package {
    if (Test-Path $packageFolder) { Remove-Item $packageFolder -Recurse -Force }
    New-Item -ItemType Directory -Path $packageFolder -Force | Out-Null
    # The folder must exist: .NET gives an empty data folder for one that does not, and PSResourceGet
    # would then keep its store in the current directory.
    $data = (New-Item -ItemType Directory -Path (Join-Path ([System.IO.Path]::GetTempPath()) "neuralnet-package-$PID") -Force).FullName
    $previous = $env:XDG_DATA_HOME
    try {
        $env:XDG_DATA_HOME = $data
        # Single-quoted literals for the child's command line; a quote in a path is doubled.
        $literal = { param([string] $text) "'" + $text.Replace("'", "''") + "'" }
        dotnet pwsh -NoLogo -NoProfile -NonInteractive -Command "Compress-PSResource -Path $(& $literal $out) -DestinationPath $(& $literal $packageFolder)" | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "Compress-PSResource failed (exit code $LASTEXITCODE)." }
    }
    finally {
        $env:XDG_DATA_HOME = $previous
        if (Test-Path $data) { Remove-Item $data -Recurse -Force }
    }
    $package = Join-Path $packageFolder "NeuralNet.$version.nupkg"
    if (-not (Test-Path $package)) { throw "Compress-PSResource wrote no $package." }
    Write-Host "Package written to $package"
}

function Get-NuGetPackagesFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = dotnet nuget locals global-packages --list | Select-Object -First 1
    return ($line -replace '^global-packages:\s*', '').Trim()
}

# One xunit run: the whole suite, or (with -Filter and -Environment) the kernel tests again with some
# instruction sets disabled, so the AVX2 and portable kernel paths run on any CI machine.
function Invoke-CoreTests([string] $Name = 'core', [string] $Filter, [string[]] $Environment = @(), [string] $Project = 'NeuralNet.Core.Tests') {
    $results = Join-Path $artifacts "TestResults/$Name"
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $arguments = @('test', (Join-Path $root "tests/$Project"), '-c', $Configuration, '--nologo',
        '--logger', "trx;LogFileName=$Name.trx", '--logger', 'console;verbosity=minimal', '--results-directory', $results)
    if ($Filter) { $arguments += '--no-build', '--filter', $Filter }
    foreach ($variable in $Environment) { $arguments += '-e', $variable }
    if ($Environment) { Write-Host "xunit ($Name): $($Environment -join ' ')" }
    dotnet @arguments | Out-Host
    $exit = $LASTEXITCODE
    $trx = Get-ChildItem $results -Filter "$Name.trx" -Recurse | Select-Object -First 1
    if (-not $trx) { throw "xunit ($Name) produced no results (dotnet test exit code $exit)." }
    $counters = ([xml](Get-Content $trx.FullName -Raw)).TestRun.ResultSummary.Counters
    $failedNames = @(Select-Xml -Path $trx.FullName -XPath "//*[local-name()='UnitTestResult'][@outcome!='Passed' and @outcome!='NotExecuted']" |
        ForEach-Object {
            $message = $_.Node.SelectSingleNode(".//*[local-name()='Message']")
            "$($_.Node.testName): $(if ($message) { ($message.InnerText -replace '\s+', ' ').Trim() })"
        })
    [pscustomobject]@{ Name = $Name; Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout; ExitCode = $exit; FailedNames = $failedNames }
}

# The Pester suite in a fresh PowerShell against out/NeuralNet (binary modules cannot be unloaded), with
# the loader forced to one build.
function Invoke-PesterTests([string] $Build) {
    Invoke-Native 'restoring Pester' { dotnet restore (Join-Path $root 'tests/tools/Pester.csproj') --nologo -v quiet }
    $pester = Join-Path (Get-NuGetPackagesFolder) "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $pester)) { throw "Pester $pesterVersion was not restored to $pester." }
    $summary = Join-Path $artifacts "pester-$Build/pester-summary.json"
    New-Item -ItemType Directory -Path (Split-Path $summary) -Force | Out-Null
    if (Test-Path $summary) { Remove-Item $summary }
    Write-Host "Pester under the $Build build (NEURALNET_BUILD=$Build)"
    $previous = $env:NEURALNET_BUILD, $env:NEURALNET_PACKAGE
    try {
        $env:NEURALNET_BUILD = $Build
        $env:NEURALNET_PACKAGE = $packageFolder   # what tests/Module/Package.Tests.ps1 installs
        dotnet pwsh -NoLogo -NoProfile -NonInteractive -File (Join-Path $root 'tests/Invoke-PesterSuite.ps1') `
            -PesterPath $pester -ModulePath (Join-Path $out 'NeuralNet.psd1') -SummaryPath $summary | Out-Host
    }
    finally { $env:NEURALNET_BUILD, $env:NEURALNET_PACKAGE = $previous }
    if (-not (Test-Path $summary)) { throw "The Pester run ($Build) wrote no summary (exit code $LASTEXITCODE)." }
    Get-Content $summary -Raw | ConvertFrom-Json | Add-Member -NotePropertyName Name -NotePropertyValue $Build -PassThru
}

switch ($Task) {
    'Clean' {
        foreach ($path in $out, $artifacts) { if (Test-Path $path) { Remove-Item $path -Recurse -Force } }
        Get-ChildItem $root -Directory -Recurse -Include bin, obj | Where-Object FullName -NotMatch '[\\/]\.' | Remove-Item -Recurse -Force
        Write-Host 'Cleaned.'
    }
    'Build' { Invoke-Build }
    'Package' { Invoke-Build; Invoke-Package }
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
        Invoke-Package
        New-Item -ItemType Directory -Path $artifacts -Force | Out-Null
        $xunitRuns = @(
            Invoke-CoreTests
            # .NET 8 reads DOTNET_EnableAVX512F; .NET 9 and later (the test host) only DOTNET_EnableAVX512.
            Invoke-CoreTests 'kernels-no-avx512' 'Category=Kernels' 'DOTNET_EnableAVX512F=0', 'DOTNET_EnableAVX512=0', 'NEURALNET_EXPECT_KERNEL=NoAvx512'
            Invoke-CoreTests 'kernels-no-avx2' 'Category=Kernels' 'DOTNET_EnableAVX2=0', 'NEURALNET_EXPECT_KERNEL=Portable'
            # Exported networks run by ONNX Runtime (a test-only dependency).
            Invoke-CoreTests 'onnx' -Project 'NeuralNet.Onnx.Tests'
        )
        $modules = @(foreach ($build in $builds.Keys) { Invoke-PesterTests $build })
        $passed = ($xunitRuns + $modules | Measure-Object Passed -Sum).Sum
        $failed = ($xunitRuns + $modules | Measure-Object Failed -Sum).Sum
        foreach ($run in $xunitRuns) { if ($run.ExitCode -ne 0 -and $run.Failed -eq 0) { $failed++ } }   # a crashed test run counts as a failure
        Write-Host ''
        # The failures are named here, next to the last line, because a CI log is often read from its tail.
        foreach ($run in $xunitRuns) { foreach ($name in $run.FailedNames) { Write-Host "FAILED (xunit $($run.Name)) $($name.Substring(0, [Math]::Min(400, $name.Length)))" } }
        foreach ($run in $modules) { foreach ($name in @($run.FailedNames)) { if ($name) { Write-Host "FAILED (Pester $($run.Name)) $($name.Substring(0, [Math]::Min(400, $name.Length)))" } } }
        Write-Host (($xunitRuns | ForEach-Object { "xunit $($_.Name): $($_.Passed) passed, $($_.Failed) failed" }) -join '; ')
        Write-Host (($modules | ForEach-Object { "Pester $($_.Name): $($_.Passed) passed, $($_.Failed) failed" }) -join '; ')
        Write-Host "$passed passed, $failed failed"
        if ($failed -gt 0) { exit 1 }
    }
}
