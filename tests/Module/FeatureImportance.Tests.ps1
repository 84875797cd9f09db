BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    # Ten numeric columns; the class depends on c3 and c7 only.
    function New-Rows([int] $count, [int] $seed) {
        $random = [System.Random]::new($seed)
        foreach ($i in 1..$count) {
            $row = [ordered]@{}
            foreach ($c in 1..10) { $row["c$c"] = [math]::Round($random.NextDouble() * 2 - 1, 4) }
            $row['y'] = if ($row.c3 + 0.8 * $row.c7 -gt 0) { 'pos' } else { 'neg' }
            [pscustomobject]$row
        }
    }
    $train = @(New-Rows 800 1)
    $test = @(New-Rows 300 2)
    $testCsv = Join-Path $TestDrive 'test.csv'
    $test | Export-Csv $testCsv -NoTypeInformation
    $net = $train | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 16 -Seed 1) -Target y -Epochs 40
    $fromFile = @(Get-NetworkFeatureImportance -Network $net -Path $testCsv -Repeats 5 -Seed 1)
}

Describe 'Get-NetworkFeatureImportance' {
    It 'ranks first the two columns of ten that the target depends on' {
        $fromFile.Count | Should -Be 10
        @($fromFile[0..1].Column | Sort-Object) | Should -Be 'c3', 'c7'
        $fromFile[1].Importance | Should -BeGreaterThan (10 * [math]::Max(0.005, $fromFile[2].Importance))
        ($fromFile | ForEach-Object ImportanceRank) | Should -Be (1..10)
        for ($i = 1; $i -lt 10; $i++) { $fromFile[$i - 1].Importance | Should -BeGreaterOrEqual $fromFile[$i].Importance }
    }

    It 'gives the same numbers for rows from the pipeline as for the file, and for the same seed again' {
        $fromRows = @(Import-Csv $testCsv | Get-NetworkFeatureImportance -Network $net -Repeats 5 -Seed 1)
        ($fromRows | ForEach-Object { "$($_.Column)=$($_.Importance.ToString('R'))" }) | Should -Be ($fromFile | ForEach-Object { "$($_.Column)=$($_.Importance.ToString('R'))" })
        $other = @(Get-NetworkFeatureImportance -Network $net -Path $testCsv -Repeats 5 -Seed 2)
        ($other.Drops | ForEach-Object ToString R) -join ',' | Should -Not -Be (($fromFile.Drops | ForEach-Object ToString R) -join ',')
    }

    It 'describes each column: mean and spread of the drops, the metric and the score Test-NeuralNetwork gives' {
        $first = $fromFile[0]
        $first.PSObject.TypeNames[0] | Should -Be 'NeuralNet.FeatureImportance'
        $first.Drops.Count | Should -Be 5
        $first.Importance | Should -Be (($first.Drops | Measure-Object -Average).Average)
        $mean = $first.Importance
        $first.StandardDeviation | Should -BeGreaterThan 0
        [math]::Abs($first.StandardDeviation - [math]::Sqrt((($first.Drops | ForEach-Object { ($_ - $mean) * ($_ - $mean) }) | Measure-Object -Sum).Sum / 5)) | Should -BeLessThan 1e-12
        $first.Metric | Should -Be 'Accuracy'
        $first.BaselineScore | Should -Be (Test-NeuralNetwork -Network $net -Path $testCsv).Accuracy
        $first.Rows | Should -Be 300
        $first.Seed | Should -Be 1
        $first.Kind | Should -Be 'Numeric'
    }

    It 'measures the score -Metric names, as an increase for errors and losses' {
        $logLoss = @(Get-NetworkFeatureImportance -Network $net -Path $testCsv -Repeats 2 -Seed 1 -Metric LogLoss)
        $logLoss[0].Metric | Should -Be 'LogLoss'
        $logLoss[0].BaselineScore | Should -Be (Test-NeuralNetwork -Network $net -Path $testCsv).LogLoss
        @($logLoss[0..1].Column | Sort-Object) | Should -Be 'c3', 'c7'
        $logLoss[0].Importance | Should -BeGreaterThan 0
    }

    It 'gives one object per original column: a categorical column is shuffled as one block' {
        $random = [System.Random]::new(4)
        $rows = foreach ($i in 1..400) {
            $shade = @('light', 'medium', 'dark')[$random.Next(3)]
            $x = [math]::Round($random.NextDouble(), 3)
            [pscustomobject]@{ shade = $shade; x = $x; noise = [math]::Round($random.NextDouble(), 3); y = if ($shade -eq 'dark' -or $x -gt 0.8) { 'a' } else { 'b' } }
        }
        $n = $rows[0..299] | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 8 -Seed 2) -Target y -Epochs 60
        $importance = @($rows[300..399] | Get-NetworkFeatureImportance -Network $n -Seed 3)
        ($importance.Column | Sort-Object) | Should -Be 'noise', 'shade', 'x'
        ($importance | Where-Object Column -eq shade).Inputs | Should -Be 3
        ($importance | Where-Object Column -eq shade).Kind | Should -Be 'Categorical'
        $importance[0].Column | Should -Be 'shade'
    }

    It 'measures a network trained on matrices, one column per input' {
        $x = ConvertTo-Matrix @(foreach ($i in 0..79) { , @((($i % 7) / 7), (($i % 5) / 5)) })
        $y = ConvertTo-Matrix @(foreach ($row in $x) { , @(3 * $row[1]) })
        $m = New-NeuralNetwork -HiddenLayers 6 -Seed 1 | Invoke-NetworkTraining -FeatureMatrix $x -TargetMatrix $y -Loss MeanSquaredError -Epochs 300 -LearningRate 0.01
        $importance = @($m | Get-NetworkFeatureImportance -FeatureMatrix $x -TargetMatrix $y -Seed 1)
        $importance.Column | Should -Be 'Input2', 'Input1'
        $importance[0].Metric | Should -Be 'RSquared'
    }

    It 'shows a progress bar while it shuffles' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($module, $net, $path) Import-Module $module; $ProgressPreference = 'Continue'; Get-NetworkFeatureImportance -Network $net -Path $path -Repeats 3 }).
                AddArgument($script:ModulePath).AddArgument($net).AddArgument($testCsv)
            $null = $ps.Invoke()
            $records = @($ps.Streams.Progress | Where-Object Activity -like 'Feature importance of *')
            $records.Count | Should -BeGreaterThan 1
            $records[-1].RecordType | Should -Be 'Completed'
            @($records | Where-Object PercentComplete -eq 100).Count | Should -BeGreaterOrEqual 1
            # Each update is a record of its own, as it was when written: the percentages climb, and only the last one is Completed.
            $updates = $records[0..($records.Count - 2)]
            $updates.RecordType | Should -Not -Contain 'Completed'
            $percents = @($updates.PercentComplete)
            $percents | Should -Be @($percents | Sort-Object)
            $percents[0] | Should -BeLessThan 100
        }
        finally { $ps.Dispose() }
    }

    It 'formats as a table of rank, column, importance and spread' {
        $text = $fromFile | Select-Object -First 2 | Out-String
        $text | Should -Match 'Rank\s+Column\s+Kind\s+Importance\s+StdDev\s+Metric\s+Baseline'
        $text | Should -Match ('c[37]\s+Numeric\s+0\.\d{4} ± 0\.\d{4} Accuracy')
    }

    It 'refuses <Case>' -ForEach @(
        @{ Case = 'an untrained network'; Id = 'NetworkNotTrained'; Run = { Get-NetworkFeatureImportance -Network (New-NeuralNetwork -HiddenLayers 2) -Path $testCsv } }
        @{ Case = 'a metric for numbers on a classifier'; Id = 'MetricNotApplicable'; Run = { Get-NetworkFeatureImportance -Network $net -Path $testCsv -Metric RSquared } }
        @{ Case = 'a single row'; Id = 'TooFewRows'; Run = { $test[0] | Get-NetworkFeatureImportance -Network $net } }
        @{ Case = 'rows without the target'; Id = 'TargetNotFound'; Run = { $test | Select-Object c1, c2, c3, c4, c5, c6, c7, c8, c9, c10 | Get-NetworkFeatureImportance -Network $net } }
    ) {
        $Run | Should -Throw -ErrorId "$Id,NeuralNet.PowerShell.Commands.GetNetworkFeatureImportanceCommand"
    }

    It 'refuses -Repeats 0 while binding, naming the parameter' {
        { Get-NetworkFeatureImportance -Network $net -Path $testCsv -Repeats 0 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,NeuralNet.PowerShell.Commands.GetNetworkFeatureImportanceCommand' -ExpectedMessage '*-Repeats must be between 1 and 10000*'
    }
}

Describe 'Export-NetworkFeatureImportance' {
    BeforeAll {
        function Get-Bars([string] $path) {
            $svg = [xml](Get-Content $path -Raw)
            @($svg.svg.g.rect | Where-Object { $_.title })
        }
    }

    It 'draws one bar per column, in the order given, as an SVG file' {
        $path = Join-Path $TestDrive 'importance.svg'
        $file = $fromFile | Export-NetworkFeatureImportance -Path $path -PassThru
        $file.FullName | Should -Be $path
        $bars = Get-Bars $path
        $bars.Count | Should -Be 10
        ($bars | ForEach-Object { $_.title.Split(':')[0] }) | Should -Be $fromFile.Column
        [double]$bars[0].width | Should -BeGreaterThan ([double]$bars[2].width)
        (Get-Content $path -Raw) | Should -Match '<text[^>]*>Feature importance \(Accuracy\)</text>'
        (Get-Content $path -Raw) | Should -Match 'Drop in Accuracy when the column is shuffled'
    }

    It 'draws a selection, or rows read back from CSV, with a title of its own' {
        $csv = Join-Path $TestDrive 'importance.csv'
        $fromFile | Select-Object Column, Importance, StandardDeviation, Metric | Export-Csv $csv -NoTypeInformation
        $path = Join-Path $TestDrive 'top3.svg'
        Import-Csv $csv | Select-Object -First 3 | Export-NetworkFeatureImportance -Path $path -Title 'Top three'
        (Get-Bars $path).Count | Should -Be 3
        (Get-Content $path -Raw) | Should -Match '<title>Top three</title>'
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.svg'
        $fromFile | Export-NetworkFeatureImportance -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'refuses <Case>, leaving no file' -ForEach @(
        @{ Case = 'an object without Importance'; Id = 'NotFeatureImportance'; Run = { param($p) [pscustomobject]@{ Column = 'a' } | Export-NetworkFeatureImportance -Path $p } }
        @{ Case = 'an Importance that is not a number'; Id = 'NotFeatureImportance'; Run = { param($p) [pscustomobject]@{ Column = 'a'; Importance = 'high' } | Export-NetworkFeatureImportance -Path $p } }
        @{ Case = 'a column twice'; Id = 'DuplicateImportanceColumn'; Run = { param($p) @($fromFile) + @($fromFile[0]) | Export-NetworkFeatureImportance -Path $p } }
        @{ Case = 'two metrics in one chart'; Id = 'MixedImportanceMetrics'; Run = { param($p) $fromFile[0], [pscustomobject]@{ Column = 'z'; Importance = 1; Metric = 'LogLoss' } | Export-NetworkFeatureImportance -Path $p } }
        @{ Case = 'nothing to draw'; Id = 'NoImportance'; Run = { param($p) @() | Export-NetworkFeatureImportance -Path $p } }
    ) {
        $path = Join-Path $TestDrive "refused-$Id.svg"
        { & $Run $path } | Should -Throw -ErrorId "$Id,NeuralNet.PowerShell.Commands.ExportNetworkFeatureImportanceCommand"
        Test-Path $path | Should -BeFalse
    }
}
