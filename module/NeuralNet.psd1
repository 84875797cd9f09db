@{
    RootModule           = 'NeuralNet.psm1'
    ModuleVersion        = '0.5.1'
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
        'Get-NetworkExperimentResult'
        'Show-NetworkTrainingHistory'
        'Export-NetworkTrainingHistory'
        'Export-NetworkDiagram'
        'Get-NetworkFeatureImportance'
        'Export-NetworkFeatureImportance'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    # build.ps1 -Task Package turns PSData into the package's .nuspec (Compress-PSResource).
    PrivateData          = @{
        PSData = @{
            Tags         = @('NeuralNetwork', 'MachineLearning', 'Backpropagation', 'ONNX', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            # No public source repository yet: the module's page on the PowerShell Gallery, where it is published.
            ProjectUri   = 'https://www.powershellgallery.com/packages/NeuralNet'
            ReleaseNotes = '0.5.1: rows from Import-Csv are read and parsed with less work per cell (each string cell parsed in one call; a row''s notes read from the member dictionary''s own entries), so large row input trains faster; results unchanged. 0.5.0: the core''s training observer is asked which epochs it wants a record for (ITrainingObserver.WantsEpoch), the history is kept without an object per epoch, and large tables of rows rent their arrays per thread, so small networks and large row input train faster; progress records kept by a job show each update; results unchanged. 0.4.0: -InputObject is Object[], so an array of rows binds as it is (PowerShell copied it element by element into PSObject[]); the next batch of a large shuffled input is fetched while the current one trains; results unchanged. 0.3.1: the threads of a tall product and of an optimizer step claim their parts as they go, so a core that is busy elsewhere for a while (or a helper thread that starts late) no longer holds the others up; results unchanged. 0.3.0: small networks and row input faster (per-batch and per-row code compiled optimised at first call); Adam''s bias corrections applied as reciprocals, which changes its results in the last bits. 0.2.1: faster kernels for tall and narrow products, single-precision steps with no extra sweeps, buffers kept between training calls; results unchanged. 0.2.0: the first packaged release (Install-PSResource NeuralNet). Two builds picked at import (net8.0 kernels on AVX-512F/AVX2, netstandard2.0 for Windows PowerShell 5.1); on PowerShell 7.4+ the dependencies (MathNet.Numerics, Sylvan.Data.Csv, OnnxSharp, Google.Protobuf) load into the module''s own AssemblyLoadContext, so other versions of them work in the same session; ONNX export; class and sample weights and dropout; checkpoints; feature importance; streaming prediction to CSV; the redesign (one definition per option, defaults stated by Get-Help). Changes that can affect 0.1.0 scripts, and the rest: CHANGELOG.md in the module folder.'
        }
    }
}
