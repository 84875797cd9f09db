# Another version of a dependency in the same session (issue 15, item 23). Each case is a fresh
# PowerShell (an assembly cannot be unloaded) under the build the suite runs with, where a user's
# MathNet.Numerics 4.15.0 comes in through Add-Type at one of three moments: before Import-Module,
# between the import and the first use, or after a training. The net8.0 build keeps the core and its
# dependencies in the module's own load context, so both versions work side by side. The netstandard2.0
# build (Windows PowerShell 5.1 has no load contexts, and this build behaves the same wherever it runs)
# refuses to import after another version, naming it and the fix, and loads its own at import, so a
# later Add-Type of another version is what is refused, by PowerShell, where it is asked for.
BeforeDiscovery {
    # The build the loader picks for this suite (Loader.Tests.ps1 checks that it does).
    $build = if ($env:NEURALNET_BUILD) { $env:NEURALNET_BUILD } elseif ($PSVersionTable.PSVersion -ge [version]'7.4') { 'net8.0' } else { 'netstandard2.0' }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:ModuleRoot = Split-Path $script:ModulePath
    $script:Iris = Join-Path $script:DataFolder 'iris.csv'

    # The user's MathNet.Numerics 4.15.0, restored by a test-only project into the NuGet packages folder.
    $project = Join-Path $PSScriptRoot '../tools/MathNet415.csproj'
    dotnet restore $project --nologo -v quiet | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "Restoring $project failed (exit code $LASTEXITCODE)." }
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { ((dotnet nuget locals global-packages --list | Select-Object -First 1) -replace '^global-packages:\s*', '').Trim() }
    $script:MathNet415 = Join-Path $packages 'mathnet.numerics/4.15.0/lib/netstandard2.0/MathNet.Numerics.dll'
    if (-not (Test-Path $script:MathNet415)) { throw "MathNet.Numerics 4.15.0 was not restored to $script:MathNet415." }

    # One session: the steps in order, each recorded with its outcome; the record comes back as JSON.
    #   User   Add-Type MathNet.Numerics 4.15 and compute with its types
    #   Import Import-Module NeuralNet
    #   Train  a new network trained on iris by L-BFGS (MathNet's minimizer) and scored
    $session = @'
param([string] $ModulePath, [string] $MathNet, [string] $Iris, [string] $Steps, [string] $Out)
$ErrorActionPreference = 'Stop'
$record = [System.Collections.Generic.List[object]]::new()
foreach ($step in $Steps -split ',') {
    $outcome = [ordered]@{ Step = $step; Ok = $true; ErrorId = $null; Message = $null; Value = $null }
    try {
        switch ($step) {
            'User' {
                Add-Type -LiteralPath $MathNet
                $matrix = [MathNet.Numerics.LinearAlgebra.Double.DenseMatrix]::OfArray([double[,]]::new(2, 2))
                $matrix[0, 0] = 2; $matrix[0, 1] = 1; $matrix[1, 0] = 1; $matrix[1, 1] = 3
                $outcome.Value = '{0} {1}' -f $matrix.GetType().Assembly.GetName().Version, $matrix.Determinant()
            }
            'Import' { Import-Module $ModulePath }
            'Train' {
                $rows = Import-Csv $Iris
                $train = for ($i = 0; $i -lt $rows.Count; $i++) { if ($i % 5) { $rows[$i] } }
                $test = for ($i = 0; $i -lt $rows.Count; $i += 5) { $rows[$i] }
                $net = New-NeuralNetwork -HiddenLayers 6 -Seed 1
                $train | Invoke-NetworkTraining -Network $net -Target species -Optimizer Lbfgs -Epochs 40 | Out-Null
                $predicted = @($test | Get-NetworkPrediction -Network $net)
                $outcome.Value = '{0} {1}' -f $predicted.Count, ($test | Test-NeuralNetwork -Network $net).Accuracy
            }
        }
    }
    catch { $outcome.Ok = $false; $outcome.ErrorId = $_.FullyQualifiedErrorId; $outcome.Message = $_.Exception.Message }
    $record.Add([pscustomobject]$outcome)
}
$loaded = foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
    if ($assembly.GetName().Name -eq 'MathNet.Numerics') {
        '{0} {1}' -f $assembly.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name
    }
}
[pscustomobject]@{ Steps = $record; MathNet = @($loaded | Sort-Object); Module = [bool](Get-Module NeuralNet) } | ConvertTo-Json -Depth 4 | Set-Content -Path $Out
'@
    $script:SessionScript = Join-Path $TestDrive 'session.ps1'
    Set-Content -Path $script:SessionScript -Value $session

    # Runs the steps in a fresh PowerShell (with this suite's NEURALNET_BUILD) and returns its record:
    # Steps (one outcome per step, in order), MathNet (each loaded version and its load context), Module.
    # Each session has a cache folder of its own: PowerShell's startup JIT profile, which the previous
    # session wrote, can change which assembly a later Add-Type returns (seen on the netstandard2.0 build).
    function Invoke-Session([string[]] $Steps) {
        $id = [guid]::NewGuid().ToString('N')
        $out = Join-Path $TestDrive "session-$id.json"
        $previous = $env:XDG_CACHE_HOME
        try {
            $env:XDG_CACHE_HOME = Join-Path $TestDrive "cache-$id"
            $console = & dotnet pwsh -NoLogo -NoProfile -NonInteractive -File $script:SessionScript -ModulePath $script:ModulePath `
                -MathNet $script:MathNet415 -Iris $script:Iris -Steps ($Steps -join ',') -Out $out 2>&1 | Out-String
        }
        finally { $env:XDG_CACHE_HOME = $previous }
        if (-not (Test-Path $out)) { throw "The session wrote no record: $console" }
        Get-Content $out -Raw | ConvertFrom-Json
    }

    # The accuracy a 6-unit L-BFGS network reaches on the held-out iris rows, and the user's determinant.
    function Assert-Trained($step) {
        $step.Ok | Should -BeTrue -Because $step.Message
        $count, $accuracy = $step.Value -split ' '
        [int]$count | Should -Be 30
        [double]$accuracy | Should -BeGreaterThan 0.85
    }
    # .NET refuses to load a second MathNet.Numerics into the one context the netstandard2.0 build has.
    function Assert-UserRefused($step) {
        $step.Ok | Should -BeFalse -Because "the user's Add-Type gave $($step.Value)"
        $step.Message | Should -Match 'MathNet\.Numerics, Version=4\.15\.0\.0.*already loaded'
    }
    function Assert-UserMathNet($step) {
        $step.Ok | Should -BeTrue -Because $step.Message
        $step.Value | Should -Be '4.15.0.0 5'
    }
}

Describe 'The cmdlet assembly' {
    It 'references no dependency of the module but the core, in either build (the core is the bridge to its load context)' {
        foreach ($build in 'net8.0', 'netstandard2.0') {
            $stream = [System.IO.File]::OpenRead((Join-Path $script:ModuleRoot $build 'NeuralNet.PowerShell.dll'))
            try {
                $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
                $reader = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                $names = foreach ($handle in $reader.AssemblyReferences) { $reader.GetString($reader.GetAssemblyReference($handle).Name) }
                $pe.Dispose()
            }
            finally { $stream.Dispose() }
            $names | Should -Contain 'NeuralNet.Core'
            $names | Where-Object { $_ -in 'MathNet.Numerics', 'Sylvan.Data.Csv', 'OnnxSharp', 'Google.Protobuf' } | Should -BeNullOrEmpty -Because "$build references $($names -join ', ')"
        }
    }
}

Describe 'MathNet.Numerics 4.15 in the same session, net8.0 build' -Skip:($build -ne 'net8.0') {
    It 'keeps the core in the module''s own load context and the cmdlets in the default one' {
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-CoreType 'NeuralNet.Core.Model.Network').Assembly).Name | Should -Be 'NeuralNet'
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([NeuralNet.PowerShell.NeuralNetwork].Assembly) | Should -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
    }

    It 'loaded before Import-Module: the module trains and predicts, and the user''s 4.15 still computes' {
        $session = Invoke-Session 'User', 'Import', 'Train', 'User'
        Assert-UserMathNet $session.Steps[0]
        $session.Steps[1].Ok | Should -BeTrue -Because $session.Steps[1].Message
        Assert-Trained $session.Steps[2]
        Assert-UserMathNet $session.Steps[3]
        $session.MathNet | Should -Be '4.15.0.0 Default', '5.0.0.0 NeuralNet'
    }

    It 'loaded after Import-Module, before the first use: the module trains and predicts' {
        $session = Invoke-Session 'Import', 'User', 'Train'
        Assert-UserMathNet $session.Steps[1]
        Assert-Trained $session.Steps[2]
        $session.MathNet | Should -Be '4.15.0.0 Default', '5.0.0.0 NeuralNet'
    }

    It 'loaded after a training: the user''s 4.15 types work, and the module trains again' {
        $session = Invoke-Session 'Import', 'Train', 'User', 'Train'
        Assert-Trained $session.Steps[1]
        Assert-UserMathNet $session.Steps[2]
        Assert-Trained $session.Steps[3]
        $session.MathNet | Should -Be '4.15.0.0 Default', '5.0.0.0 NeuralNet'
    }
}

Describe 'MathNet.Numerics 4.15 in the same session, netstandard2.0 build (as on Windows PowerShell 5.1)' -Skip:($build -ne 'netstandard2.0') {
    It 'loaded before Import-Module: the import is refused with DependencyVersionConflict naming both versions and the fix, and nothing is left loaded' {
        $session = Invoke-Session 'User', 'Import', 'User'
        Assert-UserMathNet $session.Steps[0]
        $import = $session.Steps[1]
        $import.Ok | Should -BeFalse
        $import.ErrorId | Should -BeLike 'DependencyVersionConflict,*'
        $import.Message | Should -Match 'already has MathNet\.Numerics 4\.15\.0\.0'
        $import.Message | Should -Match ([regex]::Escape($script:MathNet415))
        $import.Message | Should -Match 'needs MathNet\.Numerics 5\.0\.0\.0'
        $import.Message | Should -Match 'Remove NEURALNET_BUILD'
        $session.Module | Should -BeFalse
        Assert-UserMathNet $session.Steps[2]
        $session.MathNet | Should -Be '4.15.0.0 Default'
    }

    It 'loaded after Import-Module, before the first use: the module has loaded its own, so the Add-Type is refused and the module trains' {
        $session = Invoke-Session 'Import', 'User', 'Train'
        Assert-UserRefused $session.Steps[1]
        Assert-Trained $session.Steps[2]
        $session.MathNet | Should -Be '5.0.0.0 Default'
    }

    It 'loaded after a training: the Add-Type is refused and the module trains again' {
        $session = Invoke-Session 'Import', 'Train', 'User', 'Train'
        Assert-Trained $session.Steps[1]
        Assert-UserRefused $session.Steps[2]
        Assert-Trained $session.Steps[3]
        $session.MathNet | Should -Be '5.0.0.0 Default'
    }
}
