# Network files and CliXml read defensively, and files written atomically (issue 15, items 5-14 and 21).
BeforeDiscovery {
    # -Skip conditions are evaluated while tests are discovered, before BeforeAll runs.
    $isRoot = -not $IsWindows -and ((id -u) -eq '0')
    $canTrace = $IsLinux -and [bool](Get-Command strace -ErrorAction Ignore)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $importId = 'NeuralNet.PowerShell.Commands.ImportNeuralNetworkCommand'
    $rows = Import-Csv (Join-Path $script:DataFolder 'iris.csv')
    $net = New-NeuralNetwork -HiddenLayers 3 -Seed 1 | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 3
    $json = $net.ModelJson
    $onUnix = -not $IsWindows
    $isRoot = $onUnix -and ((id -u) -eq '0')
    $childPwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

    function Get-ErrorOf([scriptblock] $action) {
        try { & $action } catch { return $_ }
        throw 'expected an error, but none came'
    }

    function Write-ModelVariant([string] $name, [scriptblock] $change) {
        $document = $json | ConvertFrom-Json -Depth 20
        & $change $document
        $path = Join-Path $TestDrive $name
        $document | ConvertTo-Json -Depth 20 | Set-Content $path
        $path
    }

    # Bare layers, no schema: the sizes as declared, with as many weights as given.
    function New-LayersJson([int] $inputs, [int] $hidden, [int] $weightsGiven) {
        [ordered]@{
            format = 'NeuralNet.PowerShell network'; formatVersion = 1; moduleVersion = '0.1.0'; created = '2026-01-01T00:00:00.000Z'
            network = [ordered]@{
                inputSize = $inputs; hiddenSizes = @($hidden); outputSize = 1; hiddenActivation = 'ReLU'; outputActivation = 'Identity'
                hasBias = $false; seed = 1; weightInit = 'Auto'
                layers = @(
                    [ordered]@{ inputs = $inputs; units = $hidden; activation = 'ReLU'; softmaxGroups = $null; weights = @(0.5) * $weightsGiven; bias = $null }
                    [ordered]@{ inputs = $hidden; units = 1; activation = 'Identity'; softmaxGroups = $null; weights = @(0.5) * $hidden; bias = $null }
                )
            }
            schema = $null; training = $null; history = @()
        } | ConvertTo-Json -Depth 10 -Compress
    }

    # A bag as Import-Clixml or a remote session returns it, holding the given JSON.
    function New-SerializedNetwork([string] $modelJson) {
        $bag = [pscustomobject]@{ ModelJson = $modelJson }
        $bag.PSObject.TypeNames.Insert(0, 'NeuralNet.PowerShell.NeuralNetwork')
        $path = Join-Path $TestDrive 'bag.xml'
        $bag | Export-Clixml $path
        Import-Clixml $path
    }

    function Get-Allocated([scriptblock] $action) {
        $before = [GC]::GetTotalAllocatedBytes($false)
        & $action
        [GC]::GetTotalAllocatedBytes($false) - $before
    }

    # The type letter of ls -l: p for a FIFO, c for a character device, - for a regular file
    # (PowerShell's own UnixMode shows a FIFO as a regular file).
    function Get-FileType([string] $path) { (ls -ld $path)[0] }
    function Get-Mode([string] $path) { [System.IO.File]::GetUnixFileMode($path) }
    function Set-Mode([string] $path, [System.IO.UnixFileMode] $mode) { [System.IO.File]::SetUnixFileMode($path, $mode) }
    $readWriteOwner = [System.IO.UnixFileMode]'UserRead, UserWrite'
    $readOnlyAll = [System.IO.UnixFileMode]'UserRead, GroupRead, OtherRead'

    function New-Folder([string] $name) { New-Item -ItemType Directory (Join-Path $TestDrive $name) -Force | Select-Object -ExpandProperty FullName }
}

Describe 'Import-NeuralNetwork' {
    Context 'sizes a file declares are checked before anything is allocated' {
        It 'refuses a 1,000,000 × 1,000 layer given 20 weights, naming its size in bytes, without allocating it' {
            $path = Join-Path $TestDrive 'huge.json'
            Set-Content $path (New-LayersJson 1000000 1000 20)
            $allocated = Get-Allocated { $script:err = Get-ErrorOf { Import-NeuralNetwork -LiteralPath $path } }
            $err.FullyQualifiedErrorId | Should -Be "ModelFileInvalid,$importId"
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $err.TargetObject | Should -Be $path
            $err.Exception.Message | Should -Match ([regex]::Escape("'$path' is not a valid network file"))
            $err.Exception.Message | Should -Match '1,000,001,000 parameters \(8,000,008,000 bytes in double precision\)'
            $err.Exception.Message | Should -Match 'more than the 33,554,432 parameters'
            $allocated | Should -BeLessThan 100MB
        }

        It 'refuses a weights array shorter than its shape before allocating the layer' {
            # 5000 × 5000 is under the cap (200 MB of weights): only the length check stops it.
            $path = Join-Path $TestDrive 'short.json'
            Set-Content $path (New-LayersJson 5000 5000 20)
            $allocated = Get-Allocated { $script:err = Get-ErrorOf { Import-NeuralNetwork -LiteralPath $path } }
            $err.FullyQualifiedErrorId | Should -Be "ModelFileInvalid,$importId"
            $err.Exception.Message | Should -Match '20 values where the shape needs 25000000 \(at network\.layers\[0\]\.weights\)'
            $allocated | Should -BeLessThan 100MB
        }
    }

    Context 'values that would load silently and then mislead' {
        It 'refuses <Case>, naming the file and the property' -ForEach @(
            @{ Case = 'an elapsed time of 1e300 seconds'; Pattern = 'a number from 0 to 900000000000 \(at history\[0\]\.elapsedSeconds\)'; Change = { param($d) $d.history[0].elapsedSeconds = 1e300 } }
            @{ Case = 'a class named twice'; Pattern = "'setosa' appears twice \(at schema\.targets\[0\]\.classes\[1\]\)"; Change = { param($d) $d.schema.targets[0].classes[1] = 'setosa' } }
            @{ Case = 'a feature named twice'; Pattern = "'sepal_length' is also the name at schema\.features\[0\]\.name \(at schema\.features\[1\]\.name\)"; Change = { param($d) $d.schema.features[1].name = 'sepal_length' } }
            @{ Case = 'feature names that differ only by case'; Pattern = 'names are matched ignoring case'; Change = { param($d) $d.schema.features[1].name = 'SEPAL_LENGTH' } }
            @{ Case = 'a target named as a feature'; Pattern = "'petal_width' is also the name at schema\.features\[3\]\.name \(at schema\.targets\[0\]\.name\)"; Change = { param($d) $d.schema.targets[0].name = 'petal_width' } }
            @{ Case = 'a scale of 1e-320 (predictions would be NaN)'; Pattern = 'a scale from 1e-300 to 1e300 .*\(at schema\.features\[0\]\.scale\)'; Change = { param($d) $d.schema.features[0].scale = 1e-320 } }
        ) {
            $path = Write-ModelVariant 'variant.json' $Change
            $err = Get-ErrorOf { Import-NeuralNetwork -LiteralPath $path }
            $err.FullyQualifiedErrorId | Should -Be "ModelFileInvalid,$importId"
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $err.TargetObject | Should -Be $path
            $err.Exception.Message | Should -Match ([regex]::Escape("'$path' is not a valid network file"))
            $err.Exception.Message | Should -Match $Pattern
        }

        It 'refuses a byte that is not UTF-8 in a name, naming its offset, line and property' {
            $bytes = [System.Text.Encoding]::UTF8.GetBytes($json)
            $name = [System.Text.Encoding]::UTF8.GetBytes('"sepal_width"')
            $at = (0..($bytes.Length - $name.Length) | Where-Object { [System.Linq.Enumerable]::SequenceEqual([byte[]]$bytes[$_..($_ + $name.Length - 1)], [byte[]]$name) } | Select-Object -First 1) + 6
            $bytes[$at] = 0xFF
            $path = Join-Path $TestDrive 'latin1.json'
            [System.IO.File]::WriteAllBytes($path, $bytes)
            $err = Get-ErrorOf { Import-NeuralNetwork -LiteralPath $path }
            $err.FullyQualifiedErrorId | Should -Be "ModelFileInvalid,$importId"
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $err.Exception.Message | Should -Match ([regex]::Escape("'$path'"))
            $err.Exception.Message | Should -Match "byte $at \(0xFF, line \d+, column \d+, in schema\.features\[1\]\.name\) is not valid UTF-8 text"
        }

        It 'still reads a file saved as UTF-8 with a byte order mark, or as UTF-16' {
            $path = Join-Path $TestDrive 'marked.json'
            foreach ($encoding in 'utf8BOM', 'unicode') {
                Set-Content $path $json -Encoding $encoding
                (Import-NeuralNetwork -LiteralPath $path).Feature | Should -Be $net.Feature
            }
        }
    }

    Context 'a directory given as the file' {
        It 'says "is a directory" for -<Parameter>' -ForEach @(@{ Parameter = 'Path' }, @{ Parameter = 'LiteralPath' }) {
            $folder = New-Folder 'models'
            $arguments = @{ $Parameter = $folder }
            $err = Get-ErrorOf { Import-NeuralNetwork @arguments }
            $err.FullyQualifiedErrorId | Should -Be "PathIsDirectory,$importId"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.TargetObject | Should -Be $folder
            $err.Exception.Message | Should -Match "'$([regex]::Escape($folder))' is a directory, not a network file"
            $err.Exception.Message | Should -Match 'Get-ChildItem'
        }

        It 'says so for a directory piped from Get-Item' {
            $folder = New-Folder 'piped'
            { Get-Item $folder | Import-NeuralNetwork -ErrorAction Stop } | Should -Throw -ErrorId "PathIsDirectory,$importId"
        }
    }
}

Describe 'New-NeuralNetwork' {
    Context 'the cap on parameters that keeps every network saveable' {
        It 'refuses <Case> naming its size in bytes' -ForEach @(
            @{ Case = 'hidden layers of a million units each'; Arguments = @{ HiddenLayers = 1000000, 1000000 }; Pattern = '\?-1000000-1000000-\? would have at least 1,000,004,000,001 parameters \(8,000,032,000,008 bytes' }
            @{ Case = 'a 1,000,000-1,000-1 network'; Arguments = @{ LayerSizes = 1000000, 1000, 1 }; Pattern = '1000000-1000-1 would have 1,000,002,001 parameters \(8,000,016,008 bytes' }
        ) {
            $allocated = Get-Allocated { $script:err = Get-ErrorOf { New-NeuralNetwork @Arguments } }
            $err.FullyQualifiedErrorId | Should -Be 'NetworkTooLarge,NeuralNet.PowerShell.Commands.NewNeuralNetworkCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match $Pattern
            $err.Exception.Message | Should -Match 'more than the 33,554,432 parameters \(268,435,456 bytes'
            $allocated | Should -BeLessThan 100MB
        }

        It 'refuses, at the first training, data wide enough to make the network too large' {
            $wide = New-NeuralNetwork -HiddenLayers 6000 -Seed 1
            $err = Get-ErrorOf { Invoke-NetworkTraining -Network $wide -FeatureMatrix (, [double[]]::new(6000)) -TargetMatrix (, [double[]]@(1)) -Epochs 1 }
            $err.FullyQualifiedErrorId | Should -Be 'NetworkTooLarge,NeuralNet.PowerShell.Commands.InvokeNetworkTrainingCommand'
            $err.Exception.Message | Should -Match '6000-6000-1 would have 36,012,001 parameters \(288,096,008 bytes'
            $wide.Layers | Should -Be '?-6000-?'
        }
    }
}

Describe 'Serialized networks' {
    Context 'ModelJson renamed in a CliXml file' {
        BeforeAll {
            $path = Join-Path $TestDrive 'renamed.xml'
            $net | Export-Clixml $path
            (Get-Content $path -Raw) -replace 'N="ModelJson"', 'N="Model"' | Set-Content $path
            $renamed = Import-Clixml $path
        }

        It 'says ModelJson is missing when bound to a parameter' {
            $err = Get-ErrorOf { Export-NeuralNetwork -InputObject $renamed -Path (Join-Path $TestDrive 'r.json') }
            $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,NeuralNet.PowerShell.Commands.ExportNeuralNetworkCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $err.Exception.Message | Should -Match 'has no ModelJson property'
            $err.Exception.Message | Should -Match 'Serialize the network again'
        }

        It 'says ModelJson is missing when piped' {
            { $renamed | Export-NetworkDiagram -Path (Join-Path $TestDrive 'r.svg') -ErrorAction Stop } |
                Should -Throw -ErrorId 'ParameterArgumentTransformationError,NeuralNet.PowerShell.Commands.ExportNetworkDiagramCommand' -ExpectedMessage '*has no ModelJson property*'
        }

        It 'says ModelJson is missing to <Cmdlet> -Network' -ForEach @(
            @{ Cmdlet = 'Test-NeuralNetwork'; Type = 'TestNeuralNetworkCommand' }
            @{ Cmdlet = 'Get-NetworkFeatureImportance'; Type = 'GetNetworkFeatureImportanceCommand' }
            @{ Cmdlet = 'Get-NetworkPrediction'; Type = 'GetNetworkPredictionCommand' }
        ) {
            $err = Get-ErrorOf { & $Cmdlet -Network $renamed -Path (Join-Path $script:DataFolder 'iris.csv') }
            $err.FullyQualifiedErrorId | Should -Be "ParameterArgumentTransformationError,NeuralNet.PowerShell.Commands.$Type"
            $err.Exception.Message | Should -Match 'has no ModelJson property'
        }

        It 'says ModelJson is missing when cast, as every cmdlet that binds it does' {
            { [NeuralNet.PowerShell.NeuralNetwork]$renamed } | Should -Throw -ExpectedMessage '*has no ModelJson property*'
        }
    }

    Context 'ModelJson tampered with' {
        It 'refuses a 1,000,000 × 1,000 layer from CliXml without allocating it' {
            $bag = New-SerializedNetwork (New-LayersJson 1000000 1000 20)
            $bag.PSObject.TypeNames[0] | Should -Be 'Deserialized.NeuralNet.PowerShell.NeuralNetwork'
            $allocated = Get-Allocated { $script:err = Get-ErrorOf { Export-NetworkDiagram -Network $bag -Path (Join-Path $TestDrive 't.svg') } }
            $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,NeuralNet.PowerShell.Commands.ExportNetworkDiagramCommand'
            $err.Exception.Message | Should -Match "'ModelJson' is not a valid network file: its layer sizes need 1,000,001,000 parameters \(8,000,008,000 bytes"
            $allocated | Should -BeLessThan 100MB
        }

        It 'does not quote the whole JSON in the binding error' {
            $bad = $json -replace '"inputs": 4', '"inputs": 5'
            foreach ($value in $bad, [pscustomobject]@{ PSTypeName = 'Deserialized.NeuralNet.PowerShell.NeuralNetwork'; ModelJson = $bad }) {
                $err = Get-ErrorOf { Export-NetworkTrainingHistory -Network $value -Path (Join-Path $TestDrive 'q.csv') }
                $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,NeuralNet.PowerShell.Commands.ExportNetworkTrainingHistoryCommand'
                $err.Exception.Message | Should -Match 'layer 1 is 5 × 3, which does not fit the sizes around it \(at network\.layers\[0\]\)'
                $err.Exception.Message | Should -Not -Match '"hiddenSizes"'
                $err.Exception.Message.Length | Should -BeLessThan 400
            }
        }
    }
}

Describe '<Cmdlet>' -ForEach @(
    @{ Cmdlet = 'Export-NeuralNetwork'; Extension = 'json'; Starts = '{'; Write = { param($arguments) $net | Export-NeuralNetwork @arguments } }
    @{ Cmdlet = 'Export-NetworkTrainingHistory'; Extension = 'csv'; Starts = '"Epoch"'; Write = { param($arguments) $net | Export-NetworkTrainingHistory @arguments } }
    @{ Cmdlet = 'Export-NetworkDiagram'; Extension = 'svg'; Starts = '<svg'; Write = { param($arguments) $net | Export-NetworkDiagram @arguments } }
) {
    BeforeAll {
        $id = "NeuralNet.PowerShell.Commands.$($Cmdlet -replace '-', '')Command"
        function Save([string] $path, [hashtable] $more = @{}) { & $Write (@{ Path = $path } + $more) }
        function Test-Written([string] $path) { (Get-Content -LiteralPath $path -Raw).StartsWith($Starts) | Should -BeTrue }
    }

    Context 'links' {
        It 'replaces the file a link points to and keeps the link' -Skip:$IsWindows {
            $folder = New-Folder "$Extension-link"
            $real = Join-Path $folder "real.$Extension"
            Set-Content $real 'old'
            $link = Join-Path $folder "link.$Extension"
            New-Item -ItemType SymbolicLink -Path $link -Target $real | Out-Null
            Save $link
            (Get-Item $link).LinkType | Should -Be 'SymbolicLink'
            (Get-Item $link).Target | Should -Be $real
            Test-Written $real
            @(Get-ChildItem $folder -Force).Name | Sort-Object | Should -Be "link.$Extension", "real.$Extension"
        }

        It 'writes beside the target of a link into another folder, and creates a target that is missing' -Skip:$IsWindows {
            $here = New-Folder "$Extension-here"; $there = New-Folder "$Extension-there"
            $link = Join-Path $here "link.$Extension"
            New-Item -ItemType SymbolicLink -Path $link -Target (Join-Path $there "new.$Extension") | Out-Null
            Save $link
            Test-Written (Join-Path $there "new.$Extension")
            @(Get-ChildItem $there -Force).Name | Should -Be "new.$Extension"
            @(Get-ChildItem $here -Force).Name | Should -Be "link.$Extension"
        }
    }

    Context 'files that are not regular files' {
        It 'refuses a FIFO without blocking on it, and leaves it a FIFO' -Skip:$IsWindows {
            $fifo = Join-Path (New-Folder "$Extension-fifo") "pipe.$Extension"
            mkfifo $fifo
            $err = Get-ErrorOf { Save $fifo }
            $err.FullyQualifiedErrorId | Should -Be "NotARegularFile,$id"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.TargetObject | Should -Be $fifo
            $err.Exception.Message | Should -Match "'$([regex]::Escape($fifo))' is a FIFO"
            Get-FileType $fifo | Should -Be 'p'
        }

        It 'refuses a device node (a copy of /dev/null) and leaves it a device' -Skip:(-not $isRoot) {
            $node = Join-Path (New-Folder "$Extension-dev") "null.$Extension"
            mknod $node c 1 3
            $err = Get-ErrorOf { Save $node }
            $err.FullyQualifiedErrorId | Should -Be "NotARegularFile,$id"
            $err.Exception.Message | Should -Match 'is a character device'
            Get-FileType $node | Should -Be 'c'
        }

        It 'refuses a link to a device, by -Path and -LiteralPath' -Skip:(-not $isRoot) {
            # A copy of /dev/null (the same device numbers), never the real one: a regression of this
            # test, run as root, would otherwise replace the system's /dev/null.
            $folder = New-Folder "$Extension-devlink"
            $node = Join-Path $folder 'null-copy'
            mknod $node c 1 3
            $link = Join-Path $folder "null.$Extension"
            New-Item -ItemType SymbolicLink -Path $link -Target $node | Out-Null
            foreach ($parameter in 'Path', 'LiteralPath') {
                $err = Get-ErrorOf { & $Write @{ $parameter = $link } }
                $err.FullyQualifiedErrorId | Should -Be "NotARegularFile,$id"
                $err.Exception.Message | Should -Match "\(a link to '$([regex]::Escape($node))'\) is a character device"
            }
            Get-FileType $node | Should -Be 'c'
            (Get-Item $link).LinkType | Should -Be 'SymbolicLink'
        }

        It 'refuses a directory, saying so' {
            $folder = New-Folder "$Extension-folder.$Extension"
            $err = Get-ErrorOf { Save $folder }
            $err.FullyQualifiedErrorId | Should -Be "PathIsDirectory,$id"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match "'$([regex]::Escape($folder))' is a directory"
            Test-Path $folder -PathType Container | Should -BeTrue
        }
    }

    Context 'mode and owner of the file replaced' {
        It 'keeps a 0600 file 0600' -Skip:$IsWindows {
            $path = Join-Path (New-Folder "$Extension-mode") "secret.$Extension"
            Set-Content $path 'old'
            Set-Mode $path $readWriteOwner
            Save $path
            Test-Written $path
            Get-Mode $path | Should -Be $readWriteOwner
        }

        It 'keeps its owner and group' -Skip:(-not $isRoot) {
            $path = Join-Path (New-Folder "$Extension-owner") "theirs.$Extension"
            Set-Content $path 'old'
            chown 1234:4321 $path
            Save $path
            Test-Written $path
            stat -c '%u:%g' $path | Should -Be '1234:4321'
        }
    }

    Context 'read-only files, -Force, -NoClobber, -WhatIf, -PassThru and -LiteralPath' {
        BeforeAll {
            function Set-ReadOnly([string] $path) { if ($IsWindows) { Set-ItemProperty $path IsReadOnly $true } else { Set-Mode $path $readOnlyAll } }
        }

        It 'refuses a read-only file without -Force and leaves it as it was (as root too)' {
            $path = Join-Path (New-Folder "$Extension-ro") "locked.$Extension"
            Set-Content $path 'keep me'
            Set-ReadOnly $path
            $err = Get-ErrorOf { Save $path }
            $err.FullyQualifiedErrorId | Should -Be "FileReadOnly,$id"
            $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err.TargetObject | Should -Be $path
            $err.Exception.Message | Should -Match "'$([regex]::Escape($path))' is read-only; use -Force"
            Get-Content $path | Should -Be 'keep me'
        }

        It 'replaces a read-only file with -Force, and it stays read-only' {
            $path = Join-Path (New-Folder "$Extension-force") "locked.$Extension"
            Set-Content $path 'old'
            Set-ReadOnly $path
            Save $path @{ Force = $true }
            Test-Written $path
            if ($IsWindows) { (Get-Item $path).IsReadOnly | Should -BeTrue } else { Get-Mode $path | Should -Be $readOnlyAll }
        }

        It 'refuses an existing file with -NoClobber' {
            $path = Join-Path (New-Folder "$Extension-noclobber") "kept.$Extension"
            Set-Content $path 'keep me'
            $err = Get-ErrorOf { Save $path @{ NoClobber = $true } }
            $err.FullyQualifiedErrorId | Should -Be "FileExists,$id"
            $err.CategoryInfo.Category | Should -Be 'ResourceExists'
            $err.Exception.Message | Should -Match "'$([regex]::Escape($path))' already exists; -NoClobber keeps it"
            Get-Content $path | Should -Be 'keep me'
            Save (Join-Path $TestDrive "fresh-noclobber.$Extension") @{ NoClobber = $true }
            Test-Written (Join-Path $TestDrive "fresh-noclobber.$Extension")
        }

        It 'writes nothing with -WhatIf, and returns the file with -PassThru' {
            $path = Join-Path $TestDrive "whatif.$Extension"
            Save $path @{ WhatIf = $true }
            Test-Path $path | Should -BeFalse
            $file = Save $path @{ PassThru = $true }
            $file | Should -BeOfType System.IO.FileInfo
            $file.FullName | Should -Be $path
        }

        It 'takes -LiteralPath literally' {
            $path = Join-Path $TestDrive "net[1].$Extension"
            & $Write @{ LiteralPath = $path }
            Test-Written $path
        }

        It 'refuses a folder that does not exist' {
            $path = Join-Path $TestDrive "missing/net.$Extension"
            $err = Get-ErrorOf { Save $path }
            $err.FullyQualifiedErrorId | Should -Be "FolderNotFound,$id"
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
    }

    Context 'failures and leftovers' {
        It 'names the target, not its temporary file, when the write fails' -Skip:(-not $IsLinux) {
            # Nothing, not even root, can create a file in /proc.
            $path = "/proc/nn-files-test.$Extension"
            $err = Get-ErrorOf { Save $path }
            $err.FullyQualifiedErrorId | Should -Be "WriteFailed,$id"
            $err.CategoryInfo.Category | Should -Be 'WriteError'
            $err.TargetObject | Should -Be $path
            $err.Exception.Message | Should -Match "^'$([regex]::Escape($path))' was not written: "
            $err.Exception.Message | Should -Not -Match '\.tmp'
        }

        It 'removes the temporary files a killed writer left, once stale, and nothing else' {
            $folder = New-Folder "$Extension-stale"
            $path = Join-Path $folder "net.$Extension"
            $stale = ".net.$Extension.0123abcd.tmp", ".other.$Extension.0123abcd.tmp", ".net.$Extension.notours.tmp"
            $fresh = ".net.$Extension.89abcdef.tmp"
            foreach ($name in $stale + $fresh) { Set-Content (Join-Path $folder $name) 'partial' }
            foreach ($name in $stale) { (Get-Item -Force (Join-Path $folder $name)).LastWriteTimeUtc = [datetime]::UtcNow.AddHours(-1) }
            Save $path
            Test-Written $path
            @(Get-ChildItem $folder -Force).Name | Sort-Object | Should -Be (@("net.$Extension", $fresh) + $stale[1..2] | Sort-Object)
        }

        It 'writes a file whose name leaves no room for the temporary suffix' {
            $path = Join-Path (New-Folder "$Extension-long") (('n' * 250) + ".$Extension")
            Save $path
            Test-Written $path
        }
    }
}

Describe 'Export-NeuralNetwork under crashes' {
    It 'leaves the old or the new complete file when killed mid-write, and no stale temporary file after the next export' {
        $folder = New-Folder 'killed'
        $path = Join-Path $folder 'big.json'
        $script = Join-Path $TestDrive 'export-loop.ps1'
        # About 4 MB per file, so that a kill often lands in the middle of a write.
        Set-Content $script @"
Import-Module '$($script:ModulePath)'
`$n = New-NeuralNetwork -LayerSizes 200, 1000, 10 -OutputActivation Softmax -Seed 1
while (`$true) { `$n | Export-NeuralNetwork -Path '$path' }
"@
        foreach ($round in 1..2) {
            Remove-Item $path -ErrorAction Ignore
            $child = Start-Process $childPwsh -ArgumentList '-NoProfile', '-NonInteractive', '-File', $script -PassThru
            try {
                # Once the first file is in place every later write replaces a complete one.
                $deadline = [datetime]::Now.AddSeconds(60)
                while (-not (Test-Path $path) -and [datetime]::Now -lt $deadline) { Start-Sleep -Milliseconds 50 }
                Start-Sleep -Milliseconds (Get-Random -Minimum 200 -Maximum 1500)
            }
            finally { $child.Kill(); $child.WaitForExit() }
            (Import-NeuralNetwork -LiteralPath $path).Layers | Should -Be '200-1000-10'
            # A leftover is stale once old enough; age it rather than wait.
            Get-ChildItem $folder -Force -Filter '.big.json.*.tmp' | ForEach-Object { $_.LastWriteTimeUtc = [datetime]::UtcNow.AddHours(-1) }
            $net | Export-NeuralNetwork -Path $path
            @(Get-ChildItem $folder -Force).Name | Should -Be 'big.json'
        }
    }

    It 'flushes the file to disk before the rename, and the folder after it' -Skip:(-not $canTrace) {
        $folder = New-Folder 'synced'
        $path = Join-Path $folder 'net.json'
        $log = Join-Path $TestDrive 'strace.log'
        $command = "Import-Module '$($script:ModulePath)'; New-NeuralNetwork -LayerSizes 3, 4, 1 -OutputActivation Sigmoid | Export-NeuralNetwork -Path '$path'"
        strace -f -qq -e trace=openat,fsync,rename -o $log $childPwsh -NoProfile -NonInteractive -Command $command 2>&1 | Out-Null
        if ($LASTEXITCODE -ne 0 -and -not (Test-Path $path)) { Set-ItResult -Skipped -Because 'strace cannot trace here (no ptrace permission)'; return }
        $calls = @(Get-Content $log | ForEach-Object { $_ -replace '^\d+\s+', '' })
        function Find-Call([int] $from, [string] $pattern) {
            for ($i = $from; $i -lt $calls.Count; $i++) { if ($calls[$i] -match $pattern) { return $i } }
            -1
        }
        $open = Find-Call 0 "^openat\(AT_FDCWD, `"$([regex]::Escape($folder))/\.net\.json\.[0-9a-f]{8}\.tmp`".*O_CREAT\|O_EXCL.* = (\d+)$"
        $open | Should -BeGreaterOrEqual 0
        $fd = [regex]::Match($calls[$open], '= (\d+)$').Groups[1].Value
        $sync = Find-Call $open "^fsync\($fd\) += 0"
        $rename = Find-Call $open "^rename\(`"[^`"]+\.tmp`", `"$([regex]::Escape($path))`"\) += 0"
        $sync | Should -BeGreaterThan $open
        $rename | Should -BeGreaterThan $sync
        $folderOpen = Find-Call $rename "^openat\(AT_FDCWD, `"$([regex]::Escape($folder))`", O_RDONLY\) = (\d+)$"
        $folderOpen | Should -BeGreaterThan $rename
        $folderFd = [regex]::Match($calls[$folderOpen], '= (\d+)$').Groups[1].Value
        Find-Call $folderOpen "^fsync\($folderFd\) += 0" | Should -BeGreaterThan $folderOpen
    }
}

Describe 'A network another thread is training' {
    BeforeAll {
        $busy = New-NeuralNetwork -HiddenLayers 32 -Seed 1
        $trainer = [powershell]::Create()
        $null = $trainer.AddScript({ param($module, $n, $r) Import-Module $module; $r | Invoke-NetworkTraining -Network $n -Target species -Epochs 1000000 -BatchSize 1 }).
            AddArgument($script:ModulePath).AddArgument($busy).AddArgument($rows)
        $null = $trainer.BeginInvoke()
        $deadline = [datetime]::Now.AddSeconds(30)
        while ($busy.EpochsTrained -lt 1 -and [datetime]::Now -lt $deadline) { Start-Sleep -Milliseconds 50 }
    }

    AfterAll { $trainer.Stop(); $trainer.Dispose() }

    It '<Cmdlet> stops with NetworkBusy instead of "Collection was modified"' -ForEach @(
        @{ Cmdlet = 'Export-NeuralNetwork'; Extension = 'json' }
        @{ Cmdlet = 'Export-NetworkTrainingHistory'; Extension = 'csv' }
        @{ Cmdlet = 'Export-NetworkDiagram'; Extension = 'svg' }
    ) {
        $busy.EpochsTrained | Should -BeGreaterThan 0
        $path = Join-Path $TestDrive "busy.$Extension"
        $err = Get-ErrorOf { $busy | & $Cmdlet -Path $path }
        $err.FullyQualifiedErrorId | Should -Be "NetworkBusy,NeuralNet.PowerShell.Commands.$($Cmdlet -replace '-', '')Command"
        $err.CategoryInfo.Category | Should -Be 'ResourceBusy'
        $err.Exception.Message | Should -Match 'in use by another thread \(training it, most likely\)\. Export it after that training'
        Test-Path $path | Should -BeFalse
    }

    It 'gives no torn ModelJson: reading it fails with the reason' {
        { $busy.get_ModelJson() } | Should -Throw -ExpectedMessage '*in use by another thread (training it, most likely). Read ModelJson after that training*'
    }

    It 'serializes without ModelJson, and converting that back says why' {
        $path = Join-Path $TestDrive 'busy.xml'
        $busy | Export-Clixml $path
        { [NeuralNet.PowerShell.NeuralNetwork](Import-Clixml $path) } | Should -Throw -ExpectedMessage '*no ModelJson property*being trained by another thread while it was serialized*'
    }
}
