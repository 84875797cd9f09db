BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $exportId = 'NeuralNet.PowerShell.Commands.ExportNeuralNetworkCommand'
    $importId = 'NeuralNet.PowerShell.Commands.ImportNeuralNetworkCommand'
    $trainId = 'NeuralNet.PowerShell.Commands.InvokeNetworkTrainingCommand'
    $rows = Import-Csv (Join-Path $script:DataFolder 'iris.csv')
    $irisCsv = Join-Path $script:DataFolder 'iris.csv'
    $net = New-NeuralNetwork -HiddenLayers 5 -Seed 1 | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 30
    function Get-Probabilities($network) { ($rows | Get-NetworkPrediction -Network $network | ForEach-Object { $_.Probability.ToString('R') }) -join ',' }
    function Get-WeightsJson($network) { $network.Weights | ConvertTo-Json -Depth 5 -Compress }
    $saved = Join-Path $TestDrive 'saved.json'
    $net | Export-NeuralNetwork -Path $saved
    $json = Get-Content $saved -Raw
    function Write-Variant([string] $name, [scriptblock] $change) {
        $document = $json | ConvertFrom-Json -Depth 20
        & $change $document
        $path = Join-Path $TestDrive $name
        $document | ConvertTo-Json -Depth 20 | Set-Content $path
        $path
    }
}

Describe 'Export-NeuralNetwork and Import-NeuralNetwork' {
    It 'round-trips to bit-identical weights and predictions, with schema and history' {
        $back = Import-NeuralNetwork $saved
        Get-WeightsJson $back | Should -Be (Get-WeightsJson $net)
        Get-Probabilities $back | Should -Be (Get-Probabilities $net)
        $back.Target | Should -Be 'species'
        $back.Classes | Should -Be 'setosa', 'versicolor', 'virginica'
        $back.EpochsTrained | Should -Be 30
        $back.TrainingHistory.Count | Should -Be 30
        $back.TrainingHistory[-1].Loss | Should -Be $net.TrainingHistory[-1].Loss
        $back.LossFunction | Should -Be 'CrossEntropy'
    }

    It 'writes versioned JSON with the module version and creation time' {
        $document = $json | ConvertFrom-Json
        $document.format | Should -Be 'NeuralNet.PowerShell network'
        $document.formatVersion | Should -Be 2
        $document.moduleVersion | Should -Be (Get-Module NeuralNet).Version.ToString(3)
        [datetime]$document.created | Should -BeGreaterThan ([datetime]::UtcNow.AddHours(-1))
    }

    It 'resolves relative paths against the current location and passes the file through with -PassThru' {
        Push-Location $TestDrive
        try {
            $file = $net | Export-NeuralNetwork -Path ./relative.json -PassThru
            $file | Should -BeOfType System.IO.FileInfo
            $file.FullName | Should -Be (Join-Path $TestDrive 'relative.json')
            (Import-NeuralNetwork ./relative.json).Layers | Should -Be '4-5-3'
        }
        finally { Pop-Location }
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.json'
        $net | Export-NeuralNetwork -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'overwrites by default, as Export-Clixml does, and refuses with -NoClobber' {
        $path = Join-Path $TestDrive 'existing.json'
        Set-Content $path 'old'
        $net | Export-NeuralNetwork -Path $path
        (Import-NeuralNetwork $path).Layers | Should -Be '4-5-3'
        Set-Content $path 'keep me'
        { $net | Export-NeuralNetwork -Path $path -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId "FileExists,$exportId"
        Get-Content $path | Should -Be 'keep me'
    }

    It 'leaves no temporary file behind' {
        $folder = Join-Path $TestDrive 'clean'
        New-Item -ItemType Directory $folder | Out-Null
        $net | Export-NeuralNetwork -Path (Join-Path $folder 'a.json')
        $net | Export-NeuralNetwork -Path (Join-Path $folder 'a.json')
        @(Get-ChildItem $folder -Force).Name | Should -Be 'a.json'
    }

    It 'refuses to put several networks in one file' {
        $path = Join-Path $TestDrive 'two.json'
        { $net, $net | Export-NeuralNetwork -Path $path -ErrorAction Stop } | Should -Throw -ErrorId "SeveralNetworksOneFile,$exportId"
    }

    It 'loads files piped from Get-ChildItem' {
        $folder = Join-Path $TestDrive 'many'
        New-Item -ItemType Directory $folder | Out-Null
        foreach ($i in 1..3) { New-NeuralNetwork -HiddenLayers $i -Seed $i | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 2 | Export-NeuralNetwork -Path (Join-Path $folder "n$i.json") }
        $loaded = Get-ChildItem $folder -Filter *.json | Import-NeuralNetwork
        $loaded.Layers | Sort-Object | Should -Be '4-1-3', '4-2-3', '4-3-3'
    }

    It 'keeps an untrained network untrained' {
        $path = Join-Path $TestDrive 'untrained.json'
        New-NeuralNetwork -HiddenLayers 6, 3 -Activation Tanh -Seed 4 | Export-NeuralNetwork -Path $path
        $back = Import-NeuralNetwork $path
        $back.Layers | Should -Be '?-6-3-?'
        $back.Activation | Should -Be 'Tanh'
        $rows | Invoke-NetworkTraining -Network $back -Target species -Epochs 5 | Out-Null
        $back.Layers | Should -Be '4-6-3-3'
    }
}

Describe 'Loading is strict' {
    It 'refuses <Case> naming the file and the problem' -ForEach @(
        @{ Case = 'malformed JSON'; Id = 'ModelFileInvalid'; Pattern = 'malformed JSON at line'; Make = { $p = Join-Path $TestDrive 'bad.json'; Set-Content $p ($json.Substring(0, 200)); $p } }
        @{ Case = 'a missing field'; Id = 'ModelFileInvalid'; Pattern = "property 'network' is missing"; Make = { Write-Variant 'missing.json' { param($d) $d.PSObject.Properties.Remove('network') } } }
        @{ Case = 'weights that do not fit the shape'; Id = 'ModelFileInvalid'; Pattern = '19 values where the shape needs 20'; Make = { Write-Variant 'shape.json' { param($d) $d.network.layers[0].weights = @($d.network.layers[0].weights | Select-Object -Skip 1) } } }
        @{ Case = 'a newer format version'; Id = 'ModelFileTooNew'; Pattern = 'format version 99.*Update the NeuralNet module'; Make = { Write-Variant 'new.json' { param($d) $d.formatVersion = 99 } } }
        @{ Case = 'a weight that is not a number'; Id = 'ModelFileInvalid'; Pattern = 'not a finite number \(at network\.layers\[0\]\.weights\[3\]\)'; Make = { Write-Variant 'nan.json' { param($d) $d.network.layers[0].weights[3] = 'NaN' } } }
        @{ Case = 'an absurd layer size'; Id = 'ModelFileInvalid'; Pattern = 'whole number from 1 to 1000000 \(at network\.hiddenSizes\[0\]\)'; Make = { Write-Variant 'huge.json' { param($d) $d.network.hiddenSizes = @(1000000000) } } }
        @{ Case = 'a file of another kind'; Id = 'ModelFileInvalid'; Pattern = 'not a NeuralNet.PowerShell network file'; Make = { $p = Join-Path $TestDrive 'other.json'; Set-Content $p '{"format": "something else"}'; $p } }
    ) {
        $path = & $Make
        try { Import-NeuralNetwork -LiteralPath $path } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be "$Id,$importId"
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match ([regex]::Escape($path))
        $err.Exception.Message | Should -Match $Pattern
        $err.TargetObject | Should -Be $path
    }

    It 'reports a missing file as ObjectNotFound' {
        { Import-NeuralNetwork (Join-Path $TestDrive 'nope.json') -ErrorAction Stop } | Should -Throw -ErrorId "FileNotFound,$importId"
    }
}

Describe 'Networks across serialization, jobs and threads' {
    It 'survives Export-Clixml and Import-Clixml as a live network' {
        $path = Join-Path $TestDrive 'net.xml'
        $net | Export-Clixml $path
        $back = Import-Clixml $path
        $back | Should -BeOfType NeuralNet.PowerShell.NeuralNetwork
        Get-Probabilities $back | Should -Be (Get-Probabilities $net)
        ($back | Format-Table | Out-String) | Should -Be ($net | Format-Table | Out-String)
    }

    It 'comes back from Start-Job ready to use' {
        $job = Start-Job { param($module, $csv) Import-Module $module; New-NeuralNetwork -HiddenLayers 5 -Seed 2 | Invoke-NetworkTraining -Path $csv -Target species -Epochs 30 } -ArgumentList $script:ModulePath, $irisCsv
        $fromJob = Receive-Job $job -Wait -AutoRemoveJob
        $fromJob | Should -BeOfType NeuralNet.PowerShell.NeuralNetwork
        $local = New-NeuralNetwork -HiddenLayers 5 -Seed 2 | Invoke-NetworkTraining -Path $irisCsv -Target species -Epochs 30
        Get-Probabilities $fromJob | Should -Be (Get-Probabilities $local)
    }

    It 'goes into Start-Job and is usable by every cmdlet there' {
        $job = Start-Job {
            param($module, $n, $csv)
            Import-Module $module
            (Test-NeuralNetwork -Network $n -Path $csv).Accuracy
            ($n | Copy-NeuralNetwork).Layers
            (Get-NetworkPrediction -Network $n -Path $csv)[0].Prediction
            (Get-NetworkFeatureImportance -Network $n -Path $csv -Seed 1)[0].Column
        } -ArgumentList $script:ModulePath, $net, $irisCsv
        $out = Receive-Job $job -Wait -AutoRemoveJob
        $out[0] | Should -Be ($rows | Test-NeuralNetwork -Network $net).Accuracy
        $out[1] | Should -Be '4-5-3'
        $out[2] | Should -Be (Get-NetworkPrediction -Network $net -Path $irisCsv)[0].Prediction
        $out[3] | Should -Be (Get-NetworkFeatureImportance -Network $net -Path $irisCsv -Seed 1)[0].Column
    }

    It 'copies deeply with Copy-NeuralNetwork' {
        $copy = $net | Copy-NeuralNetwork
        $before = Get-WeightsJson $net
        $rows | Invoke-NetworkTraining -Network $copy -Target species -Epochs 3 | Out-Null
        Get-WeightsJson $net | Should -Be $before
        $copy.EpochsTrained | Should -Be 33
        $net.EpochsTrained | Should -Be 30
    }

    It 'trains networks in parallel runspaces exactly as one at a time' {
        $parallel = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:script:ModulePath
            $n = New-NeuralNetwork -HiddenLayers 6 -Seed $_ | Invoke-NetworkTraining -InputObject $using:rows -Target species -Epochs 40
            [pscustomobject]@{ Seed = $_; Weights = $n.Weights | ConvertTo-Json -Depth 5 -Compress }
        } | Sort-Object Seed
        $sequential = foreach ($seed in 1..4) { New-NeuralNetwork -HiddenLayers 6 -Seed $seed | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 40 }
        for ($i = 0; $i -lt 4; $i++) { $parallel[$i].Weights | Should -Be (Get-WeightsJson $sequential[$i]) }
    }

    It 'refuses to train one network from two threads at once' {
        $busy = New-NeuralNetwork -HiddenLayers 32 -Seed 1
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($module, $n, $r) Import-Module $module; $r | Invoke-NetworkTraining -Network $n -Target species -Epochs 1000000 -BatchSize 1 }).
                AddArgument($script:ModulePath).AddArgument($busy).AddArgument($rows)
            $null = $ps.BeginInvoke()
            $deadline = [datetime]::Now.AddSeconds(30)
            while ($busy.EpochsTrained -lt 1 -and [datetime]::Now -lt $deadline) { Start-Sleep -Milliseconds 50 }
            { $rows | Invoke-NetworkTraining -Network $busy -Target species -Epochs 1 -ErrorAction Stop } | Should -Throw -ErrorId "NetworkBusy,$trainId"
        }
        finally { $ps.Stop(); $ps.Dispose() }
    }
}
