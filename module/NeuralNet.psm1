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
# Each build has a small manifest of its own (NeuralNet.Binary.psd1), which also loads the type data.
$binary = Import-Module -Name (Join-Path (Join-Path $PSScriptRoot $build) 'NeuralNet.Binary.psd1') -PassThru -ErrorAction Stop
$ExecutionContext.SessionState.Module.OnRemove = { Remove-Module -ModuleInfo $binary }.GetNewClosure()
# Everything the assembly exports; the outer manifest's CmdletsToExport names them.
Export-ModuleMember -Cmdlet *
