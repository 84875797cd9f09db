# The module's loader: imports the build of the cmdlet assembly that suits this PowerShell, as Pester and
# PSScriptAnalyzer do. PowerShell 7.4 and later run on .NET 8 or newer and get the net8.0 build, whose
# matrix kernels use System.Runtime.Intrinsics (AVX-512F or AVX2 with FMA); Windows PowerShell 5.1 and
# older PowerShell 7 get the netstandard2.0 build (portable Vector<T> kernels).
# $env:NEURALNET_BUILD = 'netstandard2.0' (or 'net8.0') forces a build; the test suite runs under both.
$modern = $PSVersionTable.PSEdition -eq 'Core' -and $PSVersionTable.PSVersion -ge [version]'7.4'
$build = $env:NEURALNET_BUILD
if ([string]::IsNullOrEmpty($build)) {
    $build = if ($modern) { 'net8.0' } else { 'netstandard2.0' }
}
elseif ($build -ne 'net8.0' -and $build -ne 'netstandard2.0') {
    throw "NEURALNET_BUILD is '$build', which names no build of the NeuralNet module. Set it to 'net8.0' or 'netstandard2.0', or remove it to let the module choose."
}
elseif ($build -eq 'net8.0' -and -not $modern) {
    throw "NEURALNET_BUILD is 'net8.0', but PowerShell $($PSVersionTable.PSVersion) cannot load it (it needs PowerShell 7.4 or later). Remove NEURALNET_BUILD or set it to 'netstandard2.0'."
}
$folder = Join-Path $PSScriptRoot $build

# The assemblies that are the module's own business: the core and what it references. Other versions of
# them may be in the session already (Add-Type, another module) or come later.
$dependencies = 'NeuralNet.Core', 'MathNet.Numerics', 'Sylvan.Data.Csv', 'OnnxSharp', 'Google.Protobuf'

if ($build -eq 'net8.0') {
    # They load into the module's own load context (dependencies/), beside any other version of them in
    # the session, before or after this import. PowerShell reads the cmdlets' types (which name the
    # core's) as it imports them, so the context must answer for the core before the import.
    $cmdlets = [System.Reflection.Assembly]::LoadFrom((Join-Path $folder 'NeuralNet.PowerShell.dll'))
    $cmdlets.GetType('NeuralNet.PowerShell.Loading.DependencyResolution', $true)::Register()
}
else {
    # The netstandard2.0 build has no load context of its own (Windows PowerShell 5.1 runs on .NET
    # Framework, which has none), so the session holds one version of each: ours, loaded now, or one
    # already loaded, which the core would fail on deep inside its first use. Refuse that here, naming
    # it and the fix; loading ours now means a later load of another version is refused instead, where
    # it is asked for, and never a training half-way.
    $loaded = if ($PSVersionTable.PSEdition -eq 'Core') { [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies } else { [AppDomain]::CurrentDomain.GetAssemblies() }
    foreach ($name in $dependencies) {
        $path = Join-Path $folder "$name.dll"
        $wanted = [System.Reflection.AssemblyName]::GetAssemblyName($path).Version
        $other = $loaded | Where-Object { $_.GetName().Name -eq $name -and $_.GetName().Version -ne $wanted } | Select-Object -First 1
        if ($other) {
            $fix = if ($PSVersionTable.PSEdition -ne 'Core') {
                'Import NeuralNet first in a new session (code that needs the other version then cannot load it), or use PowerShell 7.4 or later, where NeuralNet keeps its dependencies apart and both versions load side by side.'
            }
            elseif ($modern) {
                'Remove NEURALNET_BUILD (the net8.0 build keeps its dependencies apart, so both versions load side by side), or import NeuralNet first in a new session.'
            }
            else { 'Use PowerShell 7.4 or later, where NeuralNet keeps its dependencies apart and both versions load side by side, or import NeuralNet first in a new session.' }
            $where = if ($other.Location) { " from $($other.Location)" } else { '' }
            $message = "NeuralNet cannot load: this session already has $name $($other.GetName().Version)$where, and NeuralNet's $build build needs $name $wanted. This build loads one version of an assembly per session. $fix"
            $exception = [System.IO.FileLoadException]::new($message, $path)
            throw [System.Management.Automation.ErrorRecord]::new($exception, 'DependencyVersionConflict', [System.Management.Automation.ErrorCategory]::ResourceUnavailable, $other)
        }
    }
    foreach ($name in $dependencies) { [void][System.Reflection.Assembly]::LoadFrom((Join-Path $folder "$name.dll")) }
}

# Each build has a small manifest of its own (NeuralNet.Binary.psd1), which also loads the type data.
$binary = Import-Module -Name (Join-Path $folder 'NeuralNet.Binary.psd1') -PassThru -ErrorAction Stop
$ExecutionContext.SessionState.Module.OnRemove = { Remove-Module -ModuleInfo $binary }.GetNewClosure()
# Everything the assembly exports; the outer manifest's CmdletsToExport names them.
Export-ModuleMember -Cmdlet *
