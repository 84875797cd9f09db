BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:ModuleRoot = Split-Path $script:ModulePath
}

Describe 'The loader' {
    It 'loads the build NEURALNET_BUILD names, or net8.0 on PowerShell 7.4 and later' {
        $expected = if ($env:NEURALNET_BUILD) { $env:NEURALNET_BUILD } elseif ($PSVersionTable.PSVersion -ge [version]'7.4') { 'net8.0' } else { 'netstandard2.0' }
        $network = Get-CoreType 'NeuralNet.Core.Model.Network'
        foreach ($type in $network, [NeuralNet.PowerShell.NeuralNetwork]) {
            # The first folder under the module's: the build's (the net8.0 core is in its dependencies/).
            [System.IO.Path]::GetRelativePath($script:ModuleRoot, $type.Assembly.Location).Split([System.IO.Path]::DirectorySeparatorChar)[0] | Should -Be $expected
        }
        $framework = $network.Assembly.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false)[0].FrameworkName
        $framework | Should -Be $(if ($expected -eq 'net8.0') { '.NETCoreApp,Version=v8.0' } else { '.NETStandard,Version=v2.0' })
    }

    It 'runs the kernels of that build: intrinsics in net8.0 where the processor has AVX2, Vector<T> in netstandard2.0' {
        $path = (Get-CoreType 'NeuralNet.Core.Kernels.MatrixKernels')::Path
        if ((Split-Path (Split-Path ([NeuralNet.PowerShell.NeuralNetwork].Assembly.Location)) -Leaf) -eq 'netstandard2.0') { $path | Should -Be 'Portable' }
        elseif ([System.Runtime.Intrinsics.X86.Avx2]::IsSupported -and [System.Runtime.Intrinsics.X86.Fma]::IsSupported) { $path | Should -BeIn 'Avx2', 'Avx512' }
    }

    It 'ships both builds, each with its assemblies (net8.0''s core and dependencies apart) and no System.Management.Automation.dll' {
        $dependencies = 'NeuralNet.Core.dll', 'MathNet.Numerics.dll', 'Sylvan.Data.Csv.dll', 'OnnxSharp.dll', 'Google.Protobuf.dll'
        foreach ($file in @('NeuralNet.PowerShell.dll', 'NeuralNet.Binary.psd1') + @($dependencies | ForEach-Object { "dependencies/$_" })) {
            Join-Path $script:ModuleRoot 'net8.0' $file | Should -Exist
        }
        foreach ($file in @('NeuralNet.PowerShell.dll', 'NeuralNet.Binary.psd1') + $dependencies) {
            Join-Path $script:ModuleRoot 'netstandard2.0' $file | Should -Exist
        }
        Get-ChildItem (Join-Path $script:ModuleRoot 'net8.0') -Filter '*.dll' | ForEach-Object Name | Should -Be 'NeuralNet.PowerShell.dll'
        Get-ChildItem $script:ModuleRoot -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
    }

    It 'refuses a NEURALNET_BUILD that names no build, saying which ones there are' {
        $output = & dotnet pwsh -NoProfile -NonInteractive -Command "`$env:NEURALNET_BUILD = 'net4'; Import-Module '$($script:ModulePath)'" 2>&1 | Out-String
        $output | Should -Match "NEURALNET_BUILD is 'net4'"
        $output | Should -Match "'net8.0' or 'netstandard2.0'"
    }
}
