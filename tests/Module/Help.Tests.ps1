BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $cmdlets = (Get-Module NeuralNet).ExportedCmdlets.Keys | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim().StartsWith($Name) | Should -BeFalse -Because 'without MAML help the synopsis is the generated syntax line'
        ($help.description | Out-String).Trim().Length | Should -BeGreaterThan 40
    }

    It 'has at least two examples with code and an explanation' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
            ($example.remarks | Out-String).Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes every parameter, with its type and pipeline input, and no parameter that does not exist' {
        $documented = @($help.parameters.parameter | Where-Object { $_ })
        $actual = $command.Parameters.Keys | Where-Object { $_ -notin $common }
        ($documented.name | Sort-Object) | Should -Be ($actual | Sort-Object)
        foreach ($p in $documented) {
            ($p.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($p.name) needs a description"
            $p.type.name | Should -Not -BeNullOrEmpty
            $p.pipelineInput | Should -Not -BeNullOrEmpty
        }
    }

    It 'has syntax, inputs, outputs and related links' {
        @($help.syntax.syntaxItem).Count | Should -Be @($command.ParameterSets).Count
        $help.inputTypes | Should -Not -BeNullOrEmpty
        $help.returnValues | Should -Not -BeNullOrEmpty
        @($help.relatedLinks.navigationLink).linkText | Should -Contain 'about_NeuralNet'
    }
}

Describe 'About topics' {
    It 'finds <_>' -ForEach 'about_NeuralNet', 'about_NeuralNet_Training', 'about_NeuralNet_Activations', 'about_NeuralNet_Optimizers' {
        $text = Get-Help $_ | Out-String
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'SEE ALSO'
    }

    It 'gives every activation -Activation takes a section with its formula, initialisation and ONNX nodes, written from the code' {
        $text = (Get-Help about_NeuralNet_Activations | Out-String) -replace '\r', ''
        $type = (Get-Command New-NeuralNetwork).Parameters['Activation'].ParameterType
        foreach ($name in [enum]::GetNames($(if ($type.IsArray) { $type.GetElementType() } else { $type }))) {
            $text | Should -Match "(?m)^  $name\n    \S.*\n(    .*\n)*    Initialisation: (Glorot|He)\." -Because "$name needs its own section"
        }
        $text | Should -Match 'ONNX: Div\(1, Add\(1, Exp\(Neg\(z\)\)\)\)'
        # A constant the formula names reads as its value.
        $text | Should -Match 'z for z > 0, else 0\.01·z\.'
        $text | Should -Match 'ONNX: Where\(Greater\(z, 0\), z, Mul\(z, 0\.01\)\)'
    }

    It 'gives every optimizer -Optimizer takes a section with its description and its defaults from the table' {
        $text = (Get-Help about_NeuralNet_Optimizers | Out-String) -replace '\r', ''
        $type = (Get-Command Invoke-NetworkTraining).Parameters['Optimizer'].ParameterType
        $type = [Nullable]::GetUnderlyingType($type) ?? $type
        foreach ($name in [enum]::GetNames($type)) { $text | Should -Match "(?m)^  $name\n    \S" -Because "$name needs its own section" }
        $text | Should -Match '(?m)^  Adam\n    Kingma & Ba \(2015\)\.\n    Default -LearningRate: 0\.001; -BatchSize: 32 rows\.'
        $text | Should -Match '(?m)^  Rprop\n(    .*\n)+    Default -LearningRate: 0\.1; -BatchSize: every row\.'
        $text | Should -Match '(?m)^  Lbfgs\n(    .*\n)+    Runs its own full-batch loop'
    }
}
