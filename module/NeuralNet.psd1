@{
    RootModule           = 'NeuralNet.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0f3c1e-8d7a-4b52-9a43-2f5e1c9b7d10'
    Author               = 'NeuralNet.PowerShell contributors'
    CompanyName          = 'NeuralNet.PowerShell'
    Copyright            = '(c) NeuralNet.PowerShell contributors. MIT License.'
    Description          = 'Build, train, evaluate and use feed-forward neural networks from the PowerShell pipeline.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    # NeuralNet.types.ps1xml is loaded by each build's NeuralNet.Binary.psd1, with the assembly whose types it names.
    FormatsToProcess     = @('NeuralNet.format.ps1xml')
    CmdletsToExport      = @(
        'New-NeuralNetwork'
        'Invoke-NetworkTraining'
        'Get-NetworkPrediction'
        'Get-NetworkGradient'
        'Test-NetworkGradient'
        'Test-NeuralNetwork'
        'Export-NeuralNetwork'
        'Import-NeuralNetwork'
        'Copy-NeuralNetwork'
        'Invoke-NetworkExperiment'
        'Show-NetworkTrainingHistory'
        'Export-NetworkTrainingHistory'
        'Export-NetworkDiagram'
        'Get-NetworkFeatureImportance'
        'Export-NetworkFeatureImportance'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('NeuralNetwork', 'MachineLearning', 'Backpropagation', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
        }
    }
}
