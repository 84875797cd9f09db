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
}
