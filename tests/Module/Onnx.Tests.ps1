# Export-NeuralNetwork -Format Onnx (issue 17, part 1, the cmdlet): the file is a valid ONNX model with
# the interface docs/onnx.md promises, written as atomically as JSON. ONNX Runtime's numbers are checked
# by tests/NeuralNet.Onnx.Tests; here the model is read back with the OnnxSharp classes the module ships.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $exportId = 'NeuralNet.PowerShell.Commands.ExportNeuralNetworkCommand'
    $moduleVersion = (Get-Module NeuralNet).Version.ToString(3)
    $iris = Import-Csv (Join-Path $script:DataFolder 'iris.csv')
    $irisNet = New-NeuralNetwork -HiddenLayers 5 -Activation Tanh -Seed 1 | Invoke-NetworkTraining -InputObject $iris -Target species -Epochs 5

    # A numeric target with many fractional values is a regression target.
    $regressionRows = foreach ($i in 1..60) {
        $a = ($i % 7) / 3; $b = [math]::Sin($i); $c = ($i % 5) - 2
        [pscustomobject]@{ a = $a; b = $b; c = $c; price = 10 + 2.5 * $a - 1.25 * $b + 0.5 * $c * $c }
    }
    $regressionNet = New-NeuralNetwork -HiddenLayers 6 -Seed 2 | Invoke-NetworkTraining -InputObject $regressionRows -Target price -Epochs 5

    $reference = Get-TutorialReference
    $tutorialNet = New-TutorialNetwork | Invoke-NetworkTraining -FeatureMatrix (ConvertTo-Matrix $reference.X) -TargetMatrix (ConvertTo-Matrix $reference.y) `
        -Epochs 10 -LearningRate 1 -Loss SumSquaredError -BatchSize 4

    # A text column is categorical: one-hot encoded in the graph by ai.onnx.ml OneHotEncoder.
    $colours = 'red', 'green', 'blue'
    $categoricalRows = foreach ($i in 1..30) { [pscustomobject]@{ colour = $colours[$i % 3]; size = $i / 10; label = ('no', 'yes')[[int]($i % 3 -eq 0)] } }
    $categoricalNet = New-NeuralNetwork -HiddenLayers 3 -Seed 3 | Invoke-NetworkTraining -InputObject $categoricalRows -Target label -Epochs 5

    # OnnxSharp ships beside the core, which loads it only at its first export; its classes read the files back.
    Add-Type -LiteralPath (Join-Path (Split-Path (Get-CoreType 'NeuralNet.Core.Persistence.Onnx.OnnxExport').Assembly.Location) 'OnnxSharp.dll')
    $double = [int][Onnx.TensorProto+Types+DataType]::Double
    $string = [int][Onnx.TensorProto+Types+DataType]::String

    function Get-ErrorOf([scriptblock] $action) {
        try { & $action } catch { return $_ }
        throw 'expected an error, but none came'
    }

    function New-Folder([string] $name) { New-Item -ItemType Directory (Join-Path $TestDrive $name) -Force | Select-Object -ExpandProperty FullName }

    # Exports to a fresh file and reads it back; the protobuf parser throws on anything that is not a ModelProto.
    function Export-Onnx($network, [string] $name, [hashtable] $more = @{}) {
        $path = Join-Path $TestDrive $name
        $network | Export-NeuralNetwork -Path $path @more
        Read-OnnxModel $path
    }

    function Read-OnnxModel([string] $path) { [Onnx.ModelProto]::Parser.ParseFrom([System.IO.File]::ReadAllBytes($path)) }

    function Get-Metadata($model) {
        $table = [ordered]@{}
        foreach ($entry in $model.MetadataProps) { $table[$entry.Key] = $entry.Value }
        $table
    }

    function Get-Opsets($model) { @($model.OpsetImport | ForEach-Object { "$($_.Domain):$($_.Version)" }) }

    # "name type [dims]", with the free batch dimension as N: e.g. "species_probabilities 11 [N,3]".
    function Get-Signature($value) {
        $tensor = $value.Type.TensorType
        $dims = @($tensor.Shape.Dim | ForEach-Object { if ($_.DimParam) { $_.DimParam } else { $_.DimValue } })
        "$($value.Name) $($tensor.ElemType) [$($dims -join ',')]"
    }

    # Every node reads only graph inputs, initializers and outputs of earlier nodes, each value is
    # produced once, and every graph output is produced: a graph a runtime can execute in order.
    function Assert-WellFormed($model) {
        $known = [System.Collections.Generic.HashSet[string]]::new()
        foreach ($value in $model.Graph.Input) { $known.Add($value.Name) | Should -BeTrue -Because "input '$($value.Name)' is declared once" }
        foreach ($tensor in $model.Graph.Initializer) { $known.Add($tensor.Name) | Should -BeTrue -Because "initializer '$($tensor.Name)' is declared once" }
        $model.Graph.Node.Count | Should -BeGreaterThan 0
        foreach ($node in $model.Graph.Node) {
            foreach ($name in $node.Input) {
                if ($name) { $known.Contains($name) | Should -BeTrue -Because "$($node.OpType) node '$($node.Name)' reads '$name'" }
            }
            foreach ($name in $node.Output) { $known.Add($name) | Should -BeTrue -Because "'$name' is produced once" }
        }
        foreach ($value in $model.Graph.Output) { $known.Contains($value.Name) | Should -BeTrue -Because "output '$($value.Name)' is produced" }
    }

    function Get-Flat($rows) { [double[]]@($rows | ForEach-Object { $_ }) }
}

Describe 'Export-NeuralNetwork -Format Onnx' {
    Context 'a class target (iris)' {
        BeforeAll { $model = Export-Onnx $irisNet 'iris.onnx' }

        It 'is an ONNX model of IR version 8 and opset 17, without ai.onnx.ml, produced by this module' {
            $model.IrVersion | Should -Be 8
            Get-Opsets $model | Should -Be ':17'
            $model.ProducerName | Should -Be 'NeuralNet.PowerShell'
            $model.ProducerVersion | Should -Be $moduleVersion
            Assert-WellFormed $model
        }

        It 'has one float64 [N, 1] input per column in feature order, and the label and probabilities as outputs' {
            @($model.Graph.Input | ForEach-Object { Get-Signature $_ }) | Should -Be @(
                "sepal_length $double [N,1]", "sepal_width $double [N,1]", "petal_length $double [N,1]", "petal_width $double [N,1]")
            @($model.Graph.Output | ForEach-Object { Get-Signature $_ }) | Should -Be "species $string [N]", "species_probabilities $double [N,3]"
        }

        It 'records the module version, precision, features and targets in the metadata' {
            $metadata = Get-Metadata $model
            @($metadata.Keys) | Should -Be 'moduleVersion', 'precision', 'features', 'targets'
            $metadata.moduleVersion | Should -Be $moduleVersion
            $metadata.precision | Should -Be 'Double'
            $metadata.features | ConvertFrom-Json | Should -Be $irisNet.Feature
            $metadata.targets | ConvertFrom-Json | Should -Be 'species'
        }

        It "holds this network's weights, exactly, and its class names" {
            $weights = @($model.Graph.Initializer | Where-Object Name -Match '^W\d+_')
            $weights.Count | Should -Be 2
            for ($l = 0; $l -lt 2; $l++) {
                [double[]]$weights[$l].DoubleData | Should -Be (Get-Flat $irisNet.Weights[$l])
                @($weights[$l].Dims) | Should -Be $irisNet.Weights[$l].Count, $irisNet.Weights[$l][0].Count
            }
            $labels = @($model.Graph.Initializer | Where-Object { $_.DataType -eq $string })
            $labels.Count | Should -Be 1
            @($labels[0].StringData | ForEach-Object ToStringUtf8) | Should -Be 'setosa', 'versicolor', 'virginica'
        }

        It 'keeps float64 inputs and outputs for a Single network, and says Single in the metadata' {
            $single = New-NeuralNetwork -HiddenLayers 4 -Precision Single -Seed 1 | Invoke-NetworkTraining -InputObject $iris -Target species -Epochs 2
            $model = Export-Onnx $single 'single.onnx'
            (Get-Metadata $model).precision | Should -Be 'Single'
            @($model.Graph.Input | ForEach-Object { $_.Type.TensorType.ElemType } | Select-Object -Unique) | Should -Be $double
            Get-Signature $model.Graph.Output[1] | Should -Be "species_probabilities $double [N,3]"
            Assert-WellFormed $model
        }
    }

    Context 'a regression target' {
        It 'has float64 inputs a, b, c and the prediction price as float64 [N, 1], in the target''s units' {
            $model = Export-Onnx $regressionNet 'price.onnx'
            Assert-WellFormed $model
            Get-Opsets $model | Should -Be ':17'
            @($model.Graph.Input | ForEach-Object { Get-Signature $_ }) | Should -Be "a $double [N,1]", "b $double [N,1]", "c $double [N,1]"
            @($model.Graph.Output | ForEach-Object { Get-Signature $_ }) | Should -Be "price $double [N,1]"
            $metadata = Get-Metadata $model
            $metadata.targets | Should -Be '["price"]'
            $metadata.features | Should -Be '["a","b","c"]'
            # The target's standardisation is undone in the graph: price = Identity(Add(Mul(y', scale), offset)).
            $producer = @{}
            foreach ($node in $model.Graph.Node) { foreach ($name in $node.Output) { $producer[$name] = $node } }
            $producer['price'].OpType | Should -Be 'Identity'
            $add = $producer[$producer['price'].Input[0]]
            $add.OpType | Should -Be 'Add'
            $add.Input[1] | Should -Match '^target_offset_'
            $mul = $producer[$add.Input[0]]
            $mul.OpType | Should -Be 'Mul'
            $mul.Input[1] | Should -Match '^target_scale_'
        }
    }

    Context 'a network trained on matrices (the tutorial)' {
        It 'is the layers alone, from input [N, 3] to output [N, 1], with empty feature and target lists' {
            $model = Export-Onnx $tutorialNet 'tutorial.onnx'
            Assert-WellFormed $model
            @($model.Graph.Input | ForEach-Object { Get-Signature $_ }) | Should -Be "input $double [N,3]"
            @($model.Graph.Output | ForEach-Object { Get-Signature $_ }) | Should -Be "output $double [N,1]"
            $metadata = Get-Metadata $model
            $metadata.features | Should -Be '[]'
            $metadata.targets | Should -Be '[]'
            $metadata.Contains('unknownCategory') | Should -BeFalse
            # No bias: two MatMuls and no Add of a bias initializer.
            @($model.Graph.Node | Where-Object OpType -EQ 'MatMul').Count | Should -Be 2
            @($model.Graph.Initializer | Where-Object Name -Match '^b\d+_').Count | Should -Be 0
        }
    }

    Context 'categorical inputs and -UnknownCategory' {
        It 'feeds a text column as a string [N, 1] input through OneHotEncoder, importing ai.onnx.ml 3' {
            $model = Export-Onnx $categoricalNet 'colour.onnx'
            Assert-WellFormed $model
            Get-Opsets $model | Should -Be ':17', 'ai.onnx.ml:3'
            @($model.Graph.Input | ForEach-Object { Get-Signature $_ }) | Should -Be "colour $string [N,1]", "size $double [N,1]"
            $encoder = @($model.Graph.Node | Where-Object OpType -EQ 'OneHotEncoder')
            $encoder.Count | Should -Be 1
            $encoder[0].Domain | Should -Be 'ai.onnx.ml'
            $encoder[0].Input | Should -Be 'colour'
        }

        It 'records <Given> as <Policy> in the metadata and as OneHotEncoder zeros = <Zeros>' -ForEach @(
            @{ Given = 'no -UnknownCategory'; Policy = 'Error'; Zeros = 0; Arguments = @{} }
            @{ Given = '-UnknownCategory Error'; Policy = 'Error'; Zeros = 0; Arguments = @{ UnknownCategory = 'Error' } }
            @{ Given = '-UnknownCategory Ignore'; Policy = 'Ignore'; Zeros = 1; Arguments = @{ UnknownCategory = 'Ignore' } }
        ) {
            $model = Export-Onnx $categoricalNet "colour-$Policy.onnx" $Arguments
            (Get-Metadata $model).unknownCategory | Should -Be $Policy
            $encoder = $model.Graph.Node | Where-Object OpType -EQ 'OneHotEncoder'
            ($encoder.Attribute | Where-Object Name -EQ 'zeros').I | Should -Be $Zeros
        }

        It 'refuses -UnknownCategory for a JSON file, writing nothing' {
            $path = Join-Path $TestDrive 'policy.json'
            $err = Get-ErrorOf { $categoricalNet | Export-NeuralNetwork -Path $path -UnknownCategory Ignore }
            $err.FullyQualifiedErrorId | Should -Be "UnknownCategoryNeedsOnnx,$exportId"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match "'$([regex]::Escape($path))' would be written as JSON"
            $err.Exception.Message | Should -Match 'Give -Format Onnx, or leave out -UnknownCategory'
            Test-Path $path | Should -BeFalse
        }
    }

    Context 'choosing the format' {
        It 'writes <Kind> to <Name> when -Format is not given' -ForEach @(
            @{ Name = 'net.onnx'; Kind = 'ONNX'; Onnx = $true }
            @{ Name = 'NET.ONNX'; Kind = 'ONNX'; Onnx = $true }
            @{ Name = 'net.json'; Kind = 'JSON'; Onnx = $false }
            @{ Name = 'net.onnx.bak'; Kind = 'JSON'; Onnx = $false }
            @{ Name = 'net'; Kind = 'JSON'; Onnx = $false }
        ) {
            $path = Join-Path (New-Folder "extension-$Name") $Name
            $irisNet | Export-NeuralNetwork -Path $path
            if ($Onnx) { (Read-OnnxModel $path).Graph.Output[0].Name | Should -Be 'species' }
            else { (Import-NeuralNetwork -LiteralPath $path).Layers | Should -Be $irisNet.Layers }
        }

        It 'lets -Format override the extension both ways' {
            $onnx = Join-Path $TestDrive 'forced.model'
            $irisNet | Export-NeuralNetwork -Path $onnx -Format Onnx
            (Read-OnnxModel $onnx).ProducerName | Should -Be 'NeuralNet.PowerShell'
            $json = Join-Path $TestDrive 'forced.onnx'
            $irisNet | Export-NeuralNetwork -Path $json -Format Json
            (Import-NeuralNetwork -LiteralPath $json).Layers | Should -Be $irisNet.Layers
        }

        It 'offers Json and Onnx, and documents that .onnx chooses Onnx' {
            (Get-Command Export-NeuralNetwork).Parameters['Format'].Attributes.ValidValues | Should -Be 'Json', 'Onnx'
            $help = Get-Help Export-NeuralNetwork -Parameter Format
            ($help.description | Out-String) | Should -Match 'Onnx when the path ends in \.onnx'
            @((Get-Help Export-NeuralNetwork).examples.example.code) -match '\.onnx' | Should -Not -BeNullOrEmpty
        }
    }

    Context 'the file is written as JSON files are' {
        It 'writes nothing with -WhatIf' {
            $folder = New-Folder 'whatif'
            $irisNet | Export-NeuralNetwork -Path (Join-Path $folder 'net.onnx') -WhatIf
            $irisNet | Export-NeuralNetwork -Path (Join-Path $folder 'net.model') -Format Onnx -WhatIf
            @(Get-ChildItem $folder -Force).Count | Should -Be 0
        }

        It 'refuses an existing file with -NoClobber and leaves it as it was' {
            $path = Join-Path (New-Folder 'noclobber') 'kept.onnx'
            Set-Content $path 'keep me'
            $err = Get-ErrorOf { $irisNet | Export-NeuralNetwork -Path $path -NoClobber }
            $err.FullyQualifiedErrorId | Should -Be "FileExists,$exportId"
            $err.CategoryInfo.Category | Should -Be 'ResourceExists'
            $err.TargetObject | Should -Be $path
            Get-Content $path | Should -Be 'keep me'
        }

        It 'replaces an existing file whole, leaving no temporary file, and returns it with -PassThru' {
            $folder = New-Folder 'replaced'
            $path = Join-Path $folder 'net.onnx'
            Set-Content $path ('old ' * 10000)
            $file = $regressionNet | Export-NeuralNetwork -Path $path -PassThru
            $file | Should -BeOfType System.IO.FileInfo
            $file.FullName | Should -Be $path
            $file.Length | Should -Be ([System.IO.File]::ReadAllBytes($path).Length)
            (Read-OnnxModel $path).Graph.Output[0].Name | Should -Be 'price'
            @(Get-ChildItem $folder -Force).Name | Should -Be 'net.onnx'
        }

        It 'refuses a read-only file without -Force, and replaces it with -Force' {
            $path = Join-Path (New-Folder 'readonly') 'locked.onnx'
            Set-Content $path 'old'
            if ($IsWindows) { Set-ItemProperty $path IsReadOnly $true } else { [System.IO.File]::SetUnixFileMode($path, [System.IO.UnixFileMode]'UserRead, GroupRead, OtherRead') }
            (Get-ErrorOf { $irisNet | Export-NeuralNetwork -Path $path }).FullyQualifiedErrorId | Should -Be "FileReadOnly,$exportId"
            Get-Content $path | Should -Be 'old'
            $irisNet | Export-NeuralNetwork -Path $path -Force
            (Read-OnnxModel $path).Graph.Input.Count | Should -Be 4
        }

        It 'takes -LiteralPath literally' {
            $path = Join-Path $TestDrive 'net[1].onnx'
            $irisNet | Export-NeuralNetwork -LiteralPath $path
            (Read-OnnxModel $path).Graph.Input.Count | Should -Be 4
        }

        It 'names the target, not its temporary file, when the write fails, and leaves nothing' -Skip:(-not $IsLinux) {
            # Nothing, not even root, can create a file in /proc.
            $path = '/proc/nn-onnx-test.onnx'
            $err = Get-ErrorOf { $irisNet | Export-NeuralNetwork -Path $path }
            $err.FullyQualifiedErrorId | Should -Be "WriteFailed,$exportId"
            $err.CategoryInfo.Category | Should -Be 'WriteError'
            $err.TargetObject | Should -Be $path
            $err.Exception.Message | Should -Match "^'$([regex]::Escape($path))' was not written: "
            $err.Exception.Message | Should -Not -Match '\.tmp'
            @(Get-ChildItem /proc -Force -Filter '.nn-onnx-test.onnx.*').Count | Should -Be 0
        }

        It 'refuses several networks piped to one file' {
            $path = Join-Path $TestDrive 'several.onnx'
            $err = Get-ErrorOf { $irisNet, $regressionNet | Export-NeuralNetwork -Path $path }
            $err.FullyQualifiedErrorId | Should -Be "SeveralNetworksOneFile,$exportId"
            $err.Exception.Message | Should -Match 'net-\$i\.onnx'
        }
    }

    Context 'networks that cannot be exported' {
        It 'stops with NetworkNotTrained for an untrained network<Case>, writing nothing' -ForEach @(
            @{ Case = ''; Arguments = @{} }
            @{ Case = ' (under -WhatIf too)'; Arguments = @{ WhatIf = $true } }
        ) {
            $untrained = New-NeuralNetwork -HiddenLayers 3 -Seed 1
            $folder = New-Folder "untrained$($Arguments.Count)"
            $err = Get-ErrorOf { $untrained | Export-NeuralNetwork -Path (Join-Path $folder 'u.onnx') @Arguments }
            $err.FullyQualifiedErrorId | Should -Be "NetworkNotTrained,$exportId"
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $err.TargetObject | Should -Be $untrained
            $err.Exception.Message | Should -Match 'has not been trained yet.*Train it with Invoke-NetworkTraining first'
            @(Get-ChildItem $folder -Force).Count | Should -Be 0
        }

        It 'stops with OnnxNameClash for a column named like an output, writing nothing' {
            $rows = 1..30 | ForEach-Object { [pscustomobject]@{ a = $_ % 7; species_probabilities = $_ / 10; species = ('x', 'y', 'z')[$_ % 3] } }
            $clashing = New-NeuralNetwork -HiddenLayers 3 -Seed 1 | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 2
            $folder = New-Folder 'clash'
            $err = Get-ErrorOf { $clashing | Export-NeuralNetwork -Path (Join-Path $folder 'clash.onnx') }
            $err.FullyQualifiedErrorId | Should -Be "OnnxNameClash,$exportId"
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $err.TargetObject | Should -Be $clashing
            $err.Exception.Message | Should -Match "two inputs or outputs named 'species_probabilities'.*Rename the column"
            @(Get-ChildItem $folder -Force).Count | Should -Be 0
            # The same network still saves as JSON.
            $clashing | Export-NeuralNetwork -Path (Join-Path $folder 'clash.json')
            @(Get-ChildItem $folder -Force).Name | Should -Be 'clash.json'
        }
    }

    Context 'a network another thread is training' {
        BeforeAll {
            $busy = New-NeuralNetwork -HiddenLayers 32 -Seed 1 | Invoke-NetworkTraining -InputObject $iris -Target species -Epochs 1
            $trainer = [powershell]::Create()
            $null = $trainer.AddScript({ param($module, $n, $r) Import-Module $module; $r | Invoke-NetworkTraining -Network $n -Target species -Epochs 1000000 -BatchSize 1 }).
                AddArgument($script:ModulePath).AddArgument($busy).AddArgument($iris)
            $null = $trainer.BeginInvoke()
            $deadline = [datetime]::Now.AddSeconds(30)
            while ($busy.EpochsTrained -lt 2 -and [datetime]::Now -lt $deadline) { Start-Sleep -Milliseconds 50 }
        }

        AfterAll { $trainer.Stop(); $trainer.Dispose() }

        It 'stops with NetworkBusy instead of exporting weights as they change' {
            $busy.EpochsTrained | Should -BeGreaterThan 1
            $path = Join-Path $TestDrive 'busy.onnx'
            $err = Get-ErrorOf { $busy | Export-NeuralNetwork -Path $path }
            $err.FullyQualifiedErrorId | Should -Be "NetworkBusy,$exportId"
            $err.CategoryInfo.Category | Should -Be 'ResourceBusy'
            $err.TargetObject | Should -Be $busy
            $err.Exception.Message | Should -Match 'in use by another thread \(training it, most likely\)\. Export it after that training'
            Test-Path $path | Should -BeFalse
        }
    }
}
