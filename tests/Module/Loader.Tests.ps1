BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:ModuleRoot = Split-Path $script:ModulePath
}

Describe 'The loader' {
    It 'loads the build NEURALNET_BUILD names, or net8.0 on PowerShell 7.4 and later' {
        $expected = if ($env:NEURALNET_BUILD) { $env:NEURALNET_BUILD } elseif ($PSVersionTable.PSVersion -ge [version]'7.4') { 'net8.0' } else { 'netstandard2.0' }
        foreach ($type in [NeuralNet.Core.Model.Network], [NeuralNet.PowerShell.NeuralNetwork]) {
            Split-Path (Split-Path $type.Assembly.Location) -Leaf | Should -Be $expected
        }
        $framework = [NeuralNet.Core.Model.Network].Assembly.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false)[0].FrameworkName
        $framework | Should -Be $(if ($expected -eq 'net8.0') { '.NETCoreApp,Version=v8.0' } else { '.NETStandard,Version=v2.0' })
    }

    It 'runs the kernels of that build: intrinsics in net8.0 where the processor has AVX2, Vector<T> in netstandard2.0' {
        $path = [NeuralNet.Core.Kernels.MatrixKernels]::Path
        if ((Split-Path (Split-Path ([NeuralNet.Core.Model.Network].Assembly.Location)) -Leaf) -eq 'netstandard2.0') { $path | Should -Be 'Portable' }
        elseif ([System.Runtime.Intrinsics.X86.Avx2]::IsSupported -and [System.Runtime.Intrinsics.X86.Fma]::IsSupported) { $path | Should -BeIn 'Avx2', 'Avx512' }
    }

    It 'ships both builds, each with its assemblies and no System.Management.Automation.dll' {
        foreach ($build in 'net8.0', 'netstandard2.0') {
            foreach ($file in 'NeuralNet.PowerShell.dll', 'NeuralNet.Core.dll', 'MathNet.Numerics.dll', 'Sylvan.Data.Csv.dll', 'NeuralNet.Binary.psd1') {
                Join-Path $script:ModuleRoot $build $file | Should -Exist
            }
        }
        Get-ChildItem $script:ModuleRoot -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
    }

    It 'refuses a NEURALNET_BUILD that names no build, saying which ones there are' {
        $output = & dotnet pwsh -NoProfile -NonInteractive -Command "`$env:NEURALNET_BUILD = 'net4'; Import-Module '$($script:ModulePath)'" 2>&1 | Out-String
        $output | Should -Match "NEURALNET_BUILD is 'net4'"
        $output | Should -Match "'net8.0' or 'netstandard2.0'"
    }
}
