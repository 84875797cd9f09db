BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:net = New-NeuralNetwork -HiddenLayers 4 -Seed 3
    $script:iris = Import-Csv (Join-Path $script:DataFolder 'iris.csv')
    $script:iris | Invoke-NetworkTraining -Network $script:net -Target species -Epochs 20 | Out-Null
    $script:predictionColumns = 'Prediction', 'Probability', 'Probability_setosa', 'Probability_versicolor', 'Probability_virginica'
    $framework = [NeuralNet.PowerShell.NeuralNetwork].Assembly.GetCustomAttributes([Runtime.Versioning.TargetFrameworkAttribute], $false).FrameworkName
    $script:coreBuild = $framework -like '.NETCoreApp*'
}

Describe 'Prediction rows' {
    It 'are NeuralNet.Prediction objects (a class of their own under the net8.0 build, a [pscustomobject] under netstandard2.0)' {
        $row = $iris[0] | Get-NetworkPrediction -Network $net
        $row.PSObject.TypeNames | Should -Contain 'NeuralNet.Prediction'
        if ($coreBuild) { $row | Should -BeOfType ([NeuralNet.Prediction]) }
        else { $row | Should -BeOfType ([System.Management.Automation.PSCustomObject]) }
    }

    It 'carry the input columns, then the prediction columns, in order, from -Path and from piped rows' {
        $path = Join-Path $TestDrive 'iris.csv'
        $iris | Select-Object -First 5 | Export-Csv $path
        $fromFile = Get-NetworkPrediction -Network $net -Path $path
        $piped = $iris | Select-Object -First 5 | Get-NetworkPrediction -Network $net
        $expected = @('sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species') + $predictionColumns
        $fromFile[0].PSObject.Properties.Name | Should -Be $expected
        $piped[0].PSObject.Properties.Name | Should -Be $expected
        $piped[4].species | Should -Be $iris[4].species
        $piped.Prediction | Should -Be $fromFile.Prediction
        $piped[2].Probability | Should -BeOfType ([double])
        $piped[2].Probability | Should -Be ([Linq.Enumerable]::Max([double[]]@($piped[2].Probability_setosa, $piped[2].Probability_versicolor, $piped[2].Probability_virginica)))
    }

    It 'keep a file''s numbers as numbers (-Path), and its text and empty cells as they were' {
        $path = Join-Path $TestDrive 'scored-with-extras.csv'
        "sepal_length,sepal_width,petal_length,petal_width,species,batch`n5.1,3.5,1.4,0.2,setosa,7`n6.7,3.0,5.2,2.3,virginica,`n5.9,3.0,4.2,1.5,versicolor,8.5" | Set-Content $path
        $rows = Get-NetworkPrediction -Network $net -Path $path
        $rows[1].sepal_length | Should -BeOfType ([double])
        $rows[1].sepal_length | Should -Be 6.7
        $rows[1].species | Should -Be 'virginica'
        $rows[0].batch | Should -Be 7
        $rows[2].batch | Should -Be 8.5
        $rows[1].batch | Should -Be ''
        if ($coreBuild) {
            # A column with every cell a number is typed double; one with an empty cell keeps each cell as it came.
            ($rows[0] | Get-Member -Name sepal_length).Definition | Should -Match '^double '
            ($rows[0] | Get-Member -Name batch).Definition | Should -Match '^System.Object '
        }
    }

    It 'round-trip through Export-Csv, ConvertTo-Json and the remoting serializer with every column' {
        $rows = $iris | Select-Object -First 3 | Get-NetworkPrediction -Network $net
        $path = Join-Path $TestDrive 'scored.csv'
        $rows | Export-Csv $path
        $back = Import-Csv $path
        $back[1].PSObject.Properties.Name | Should -Be $rows[1].PSObject.Properties.Name
        $back[1].Prediction | Should -Be $rows[1].Prediction
        [double]$back[1].Probability | Should -Be $rows[1].Probability
        $json = $rows[1] | ConvertTo-Json | ConvertFrom-Json
        $json.PSObject.Properties.Name | Should -Be $rows[1].PSObject.Properties.Name
        $json.Probability_virginica | Should -Be $rows[1].Probability_virginica
        $remote = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($rows[1]))
        $remote.Prediction | Should -Be $rows[1].Prediction
        $remote.sepal_width | Should -Be $rows[1].sepal_width
    }

    It 'can be changed, extended and printed in a string as a [pscustomobject] can' {
        $row = $iris[60] | Get-NetworkPrediction -Network $net
        $row.Prediction = 'checked'
        $row.Prediction | Should -Be 'checked'
        $row.species = 'relabelled'
        $row.species | Should -Be 'relabelled'
        ($row | Add-Member -NotePropertyName Reviewer -NotePropertyValue 'ana' -PassThru).Reviewer | Should -Be 'ana'
        # A [pscustomobject] also prints the member added to it; a row of its own class prints its columns.
        "$row" | Should -Match '^@\{sepal_length=[0-9.]+; sepal_width=.*; species=relabelled; Prediction=checked; Probability=[0-9.E-]+; .*Probability_virginica=[0-9.E-]+(; Reviewer=ana)?\}$'
    }

    It 'gives rows of different shapes their own columns, in one pipeline' {
        $rows = @(
            [pscustomobject]@{ id = 1; sepal_length = 5.1; sepal_width = 3.5; petal_length = 1.4; petal_width = 0.2 }
            [pscustomobject]@{ sepal_length = 6.7; sepal_width = 3.0; petal_length = 5.2; petal_width = 2.3; note = 'late' }
            [ordered]@{ sepal_length = 5.9; sepal_width = 3.0; petal_length = 4.2; petal_width = 1.5; 'two words' = 'x y' }
            @{ sepal_length = 5.9; sepal_width = 3.0; petal_length = 4.2; petal_width = 1.5; '' = 'an empty key is not a property' }
        )
        $out = $rows | Get-NetworkPrediction -Network $net
        $out.Count | Should -Be 4
        $out[0].PSObject.Properties.Name | Should -Be (@('id', 'sepal_length', 'sepal_width', 'petal_length', 'petal_width') + $predictionColumns)
        $out[0].id | Should -Be 1
        $out[1].PSObject.Properties.Name | Should -Not -Contain 'id'
        $out[1].note | Should -Be 'late'
        $out[2].'two words' | Should -Be 'x y'
        $out[3].PSObject.Properties.Name | Should -Not -Contain ''
        $out[3].Prediction | Should -Be $out[2].Prediction
    }

    It 'replace the prediction columns of a row scored before, whatever their case' {
        $once = $iris[100] | Get-NetworkPrediction -Network $net
        $once.PSObject.Properties.Name | Should -Not -Contain 'prediction2'
        $again = [pscustomobject]@{ sepal_length = $once.sepal_length; sepal_width = $once.sepal_width; petal_length = $once.petal_length; petal_width = $once.petal_width; PREDICTION = 'old'; probability = -1 } |
            Get-NetworkPrediction -Network $net
        ($again.PSObject.Properties.Name | Where-Object { $_ -eq 'Prediction' }).Count | Should -Be 1
        $again.Prediction | Should -Be $once.Prediction
        $again.Probability | Should -Be $once.Probability
    }

    It 'show the target, Prediction and Probability as a table' {
        $text = $iris | Select-Object -First 2 | Get-NetworkPrediction -Network $net | Format-Table | Out-String
        $text | Should -Match 'species\s+Prediction\s+Probability'
        $text | Should -Not -Match 'sepal_length'
    }
}
