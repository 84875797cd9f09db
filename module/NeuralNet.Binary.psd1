# The manifest of one build of the cmdlet assembly (copied into out/NeuralNet/net8.0 and
# out/NeuralNet/netstandard2.0); NeuralNet.psm1 imports the one that suits this PowerShell. The type
# data is loaded here, with the assembly whose types it names, not by the outer manifest, which
# processes its TypesToProcess before its root module has loaded anything.
@{
    RootModule        = 'NeuralNet.PowerShell.dll'
    ModuleVersion     = '0.1.0'
    GUID              = 'c8e0a8f4-3d2b-4f61-9a57-6b1e0d9c2f47'
    Author            = 'NeuralNet.PowerShell contributors'
    Description       = 'The cmdlets of the NeuralNet module, one build; import NeuralNet instead.'
    PowerShellVersion = '5.1'
    TypesToProcess    = @('../NeuralNet.types.ps1xml')
    CmdletsToExport   = '*'
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
