BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Reading pipeline rows' {
    It 'reads rows of one shape (read in order) and of mixed shapes (read by name) to the same numbers' {
        $same = foreach ($i in 0..39) { [pscustomobject]@{ a = $i % 7; b = ($i * 3) % 5; y = $i % 2 } }
        # The same values, but every other row has its properties in another order, or an extra one.
        $mixed = for ($i = 0; $i -lt 40; $i++) {
            $row = $same[$i]
            if ($i % 3 -eq 1) { [pscustomobject]@{ y = $row.y; b = $row.b; a = $row.a } }
            elseif ($i % 3 -eq 2) { [pscustomobject]@{ a = $row.a; b = $row.b; y = $row.y; note = 'x' } }
            else { $row }
        }
        $first = New-NeuralNetwork -HiddenLayers 3 -Seed 5
        $second = New-NeuralNetwork -HiddenLayers 3 -Seed 5
        $same | Invoke-NetworkTraining -Network $first -Target y -Epochs 20 | Out-Null
        $mixed | Invoke-NetworkTraining -Network $second -Target y -Epochs 20 -WarningAction SilentlyContinue | Out-Null
        ($second.Weights | ConvertTo-Json -Depth 5 -Compress) | Should -Be ($first.Weights | ConvertTo-Json -Depth 5 -Compress)
    }

    It 'reads rows whose property names are strings of their own and whose values are wrapped to what the same rows as ordered dictionaries give' {
        # ConvertFrom-Json parses each row's names anew (no shared header strings), and [psobject] wraps a
        # value in a note; ordered dictionaries are read by name, not from a row's notes.
        $json = '[' + ((0..59 | ForEach-Object { [string]::Format([cultureinfo]::InvariantCulture, '{{"a":{0},"b":{1},"y":{2}}}', ($_ % 7), (($_ * 3) % 5 / 2), ($_ % 2)) }) -join ',') + ']'
        $parsed = $json | ConvertFrom-Json
        # Read from the rows' own notes, in order, though no two rows share a name's string.
        $notes = [NeuralNet.PowerShell.NeuralNetwork].Assembly.GetType('NeuralNet.PowerShell.Internal.RowNotes')
        $cells = [object[]]::new(3)
        $notes.GetMethod('TryReadColumns').Invoke($null, @([psobject]$parsed[1], [string[]]@('a', 'b', 'y'), $cells, 0)) | Should -BeTrue
        $cells | Should -Be @(1, 1.5, 1)
        $wrapped = foreach ($r in $parsed) { [pscustomobject]@{ a = [psobject]$r.a; b = [psobject][string]$r.b; y = $r.y } }
        $dictionaries = foreach ($r in $parsed) { [ordered]@{ a = $r.a; b = $r.b; y = $r.y } }
        $weights = foreach ($rows in @(, $parsed), @(, $wrapped), @(, $dictionaries)) {
            $net = New-NeuralNetwork -HiddenLayers 3 -Seed 5
            $rows[0] | Invoke-NetworkTraining -Network $net -Target y -Epochs 20 | Out-Null
            $net.Weights | ConvertTo-Json -Depth 5 -Compress
        }
        $weights[1] | Should -Be $weights[0]
        $weights[2] | Should -Be $weights[0]
    }

    It 'reads Import-Csv rows in order, with a property that is missing in a later row still named as missing' {
        $path = Join-Path $TestDrive 'rows.csv'
        "a,b,y`n1,2,0`n3,4,1`n5,6,0`n7,8,1" | Set-Content $path
        $rows = @(Import-Csv $path)
        $rows += [pscustomobject]@{ a = '9'; y = '1' }   # no b
        { $rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 2 -Seed 1) -Target y -Epochs 1 } | Should -Throw -ErrorId '*'
        try { $rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 2 -Seed 1) -Target y -Epochs 1 } catch { $err = $_ }
        $err.Exception.Message | Should -Match "'b'"
        $err.Exception.Message | Should -Match 'row 5'
    }

    It 'reads a large -InputObject array (read on several threads) to what rows piped one by one give, shapes mixed, in order' {
        # 6,000 rows: Import-Csv rows, with hashtables, rows of another order and a null among them,
        # which the threads leave for the pipeline's thread; the result must not depend on how they were read.
        $path = Join-Path $TestDrive 'many.csv'
        $lines = [Collections.Generic.List[string]]::new()
        $lines.Add('a,b,y')
        foreach ($i in 0..5999) { $lines.Add(('{0},{1},{2}' -f @(($i % 13), ((($i * 7) % 11) / 4), ($i % 3)))) }
        Set-Content -Path $path -Value $lines
        $rows = [Collections.Generic.List[object]]::new()
        $i = 0
        foreach ($row in Import-Csv $path) {
            if ($i % 1000 -eq 17) { $rows.Add(@{ a = $row.a; b = $row.b; y = $row.y }) }
            elseif ($i % 1000 -eq 29) { $rows.Add([pscustomobject]@{ y = $row.y; b = $row.b; a = $row.a }) }
            else { $rows.Add($row) }
            if ($i -eq 3000) { $rows.Add($null) }
            $i++
        }
        $array = $rows.ToArray()
        $first = New-NeuralNetwork -HiddenLayers 3 -Seed 5
        $second = New-NeuralNetwork -HiddenLayers 3 -Seed 5
        Invoke-NetworkTraining -Network $first -InputObject $array -Target y -Epochs 2 -WarningAction SilentlyContinue | Out-Null
        $array | Where-Object { $null -ne $_ } | Invoke-NetworkTraining -Network $second -Target y -Epochs 2 -WarningAction SilentlyContinue | Out-Null
        ($first.Weights | ConvertTo-Json -Depth 5 -Compress) | Should -Be ($second.Weights | ConvertTo-Json -Depth 5 -Compress)
        # A bad cell deep in the array is still named by its row.
        $array[4500] = [pscustomobject]@{ a = 'many'; b = '1'; y = '0' }
        try { Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 2 -Seed 1) -InputObject $array -Target y -Epochs 1 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Match '^NonNumeric'
        $err.Exception.Message | Should -Match 'row 4500'
    }

    It 'trains on a large table of rows the same every time, whatever other tables of its size were read in between' {
        # A table this large (1,797 rows × 65 columns) reads into arrays kept for the next call of the same
        # size; a call must see only its own rows and numbers, never what the last call left there.
        $digits = @(Import-Csv (Join-Path $script:DataFolder 'digits.csv'))
        $other = @($digits | ForEach-Object { $copy = $_.PSObject.Copy(); $copy.pixel0 = '16'; $copy.digit = [string](9 - [int]$_.digit); $copy })
        # Some cells empty in the other table: read as missing there, and never as a number left from before.
        for ($i = 0; $i -lt $other.Count; $i += 5) { $other[$i].pixel9 = '' }
        function Train($rows) {
            $net = New-NeuralNetwork -HiddenLayers 8 -Seed 3
            Invoke-NetworkTraining -Network $net -InputObject $rows -Target digit -Epochs 2 -MissingValue Mean -WarningAction SilentlyContinue | Out-Null
            $net.Weights | ConvertTo-Json -Depth 5 -Compress
        }
        $first = Train $digits
        $otherWeights = Train $other
        $otherWeights | Should -Not -Be $first
        Train $digits | Should -Be $first
        Train $other | Should -Be $otherWeights
        # Piped one by one (the table grows as rows come), the same numbers again.
        $net = New-NeuralNetwork -HiddenLayers 8 -Seed 3
        $digits | Invoke-NetworkTraining -Network $net -Target digit -Epochs 2 -MissingValue Mean | Out-Null
        $net.Weights | ConvertTo-Json -Depth 5 -Compress | Should -Be $first
    }

    It 'binds an -InputObject array as it is (Object[]) on every cmdlet that reads rows, and reads each kind of row as piping does' {
        # PowerShell converts an array bound to PSObject[] element by element (60 ms for 180,000 rows);
        # an Object[] parameter takes the array itself, and the module wraps what is not a PSObject.
        foreach ($name in 'Invoke-NetworkTraining', 'Invoke-NetworkExperiment', 'Test-NeuralNetwork', 'Get-NetworkFeatureImportance',
            'Get-NetworkGradient', 'Test-NetworkGradient', 'Get-NetworkPrediction') {
            (Get-Command $name).Parameters['InputObject'].ParameterType | Should -Be ([object[]]) -Because $name
        }
        $table = [Data.DataTable]::new()
        foreach ($column in 'a', 'b', 'y') { [void]$table.Columns.Add($column, [double]) }
        $rows = foreach ($i in 0..29) {
            $values = @(($i % 5), (($i * 3) % 7), ($i % 2))
            switch ($i % 3) {
                0 { [pscustomobject]@{ a = $values[0]; b = $values[1]; y = $values[2] } }
                1 { @{ a = $values[0]; b = $values[1]; y = $values[2] } }
                2 { $table.Rows.Add($values[0], $values[1], $values[2]) }
            }
        }
        $given = New-NeuralNetwork -HiddenLayers 3 -Seed 2
        $piped = New-NeuralNetwork -HiddenLayers 3 -Seed 2
        Invoke-NetworkTraining -Network $given -InputObject $rows -Target y -Epochs 5 | Out-Null
        $rows | Invoke-NetworkTraining -Network $piped -Target y -Epochs 5 | Out-Null
        ($given.Weights | ConvertTo-Json -Depth 5 -Compress) | Should -Be ($piped.Weights | ConvertTo-Json -Depth 5 -Compress)
        $byArray = Get-NetworkPrediction -Network $given -InputObject $rows
        $byPipe = $rows | Get-NetworkPrediction -Network $given
        @($byArray).Count | Should -Be 30
        ($byArray | ForEach-Object y | ConvertTo-Json -Compress) | Should -Be ($byPipe | ForEach-Object y | ConvertTo-Json -Compress)
        (Test-NeuralNetwork -Network $given -InputObject $rows).Loss | Should -Be ($rows | Test-NeuralNetwork -Network $given).Loss
    }

    It 'compiles the code it runs per row optimised at its first call' {
        # PowerShell keeps compiling script code, which postpones the runtime's promotion of tier-0 code:
        # a row reader left to tiering stayed unoptimised for a whole training call (W2 ran 20 % slower).
        $assembly = [NeuralNet.PowerShell.NeuralNetwork].Assembly
        $all = [Reflection.BindingFlags]'Public, NonPublic, Instance, Static, DeclaredOnly'
        $hot = @(
            @('NeuralNet.PowerShell.Internal.RowReader', 'Add', 'AddRange', 'AddInParallel', 'ReadInOrder', 'Values', 'TryReadInOrder', 'Unwrap'),
            @('NeuralNet.PowerShell.Internal.RowNotes', 'TryRead', 'TryReadColumns', 'Walk'),
            @('NeuralNet.PowerShell.Internal.TrainingReporter', 'EpochCompleted', 'WantsEpoch'),
            @('NeuralNet.PowerShell.Commands.InvokeNetworkTrainingCommand', 'ProcessRecord'),
            @('NeuralNet.PowerShell.Commands.GetNetworkPredictionCommand', 'ProcessRecord'),
            @('NeuralNet.PowerShell.Commands.LabelledDataCommandBase', 'ProcessRecord'))
        $lacking = foreach ($entry in $hot) {
            $type = $assembly.GetType($entry[0], $true)
            foreach ($name in $entry[1..($entry.Count - 1)]) {
                $methods = @($type.GetMethods($all) | Where-Object Name -EQ $name)
                if ($methods.Count -eq 0) { "$($type.Name).$name (not found)" }
                foreach ($method in $methods) {
                    if (-not ($method.MethodImplementationFlags -band [Reflection.MethodImplAttributes]::AggressiveOptimization)) { "$($type.Name).$name" }
                }
            }
        }
        $lacking | Should -BeNullOrEmpty
    }
}
