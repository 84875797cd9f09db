# What the redesign of the data, policy and inference rooms promises a user: options named as
# parameters with the core's defaults and ranges, data errors that name the row and the fix, and
# prediction in chunks that reads exactly like prediction one row at a time.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $trainId = 'NeuralNet.PowerShell.Commands.InvokeNetworkTrainingCommand'
    $predictId = 'NeuralNet.PowerShell.Commands.GetNetworkPredictionCommand'
    $testId = 'NeuralNet.PowerShell.Commands.TestNeuralNetworkCommand'
    $iris = Get-IrisSplit
    $irisPath = Join-Path $script:DataFolder 'iris.csv'
}

Describe 'Training options' {
    Context 'the learning-rate schedule' {
        It 'steps the rate by -ScheduleFactor every -ScheduleStep epochs' {
            $net = New-NeuralNetwork -HiddenLayers 4 -Seed 1
            $iris.Train | Invoke-NetworkTraining -Network $net -Target species -Epochs 6 -Optimizer GradientDescent -LearningRate 0.1 `
                -LearningRateSchedule Step -ScheduleStep 2 -ScheduleFactor 0.25 | Out-Null
            $net.TrainingHistory.LearningRate | Should -Be 0.1, 0.1, 0.025, 0.025, 0.00625, 0.00625
        }

        It 'keeps the schedule options with a saved network' {
            $net = New-NeuralNetwork -HiddenLayers 4 -Seed 1
            $iris.Train | Invoke-NetworkTraining -Network $net -Target species -Epochs 1 -LearningRateSchedule Exponential -ScheduleFactor 0.9 | Out-Null
            $net.ModelJson | Should -Match '"scheduleFactor": 0\.9'
            $net.ModelJson | Should -Match '"schedule": "Exponential"'
        }
    }

    Context 'ranges declared once, in the core' {
        It 'refuses <Parameter> <Value> while binding, saying the range' -ForEach @(
            @{ Parameter = 'BatchSize'; Value = 0; Range = 'at least 1' }
            @{ Parameter = 'ScheduleFactor'; Value = 2; Range = 'between 0 and 1' }
            @{ Parameter = 'ValidationSplit'; Value = 1; Range = 'between 0 and 1 (exclusive of 1)' }
            @{ Parameter = 'LearningRate'; Value = -1; Range = 'at least 0' }
        ) {
            $arguments = @{ $Parameter = $Value }
            { $iris.Train | Invoke-NetworkTraining -Network (New-NeuralNetwork -Seed 1) -Target species @arguments } |
                Should -Throw -ErrorId "ParameterArgumentValidationError,$trainId" -ExpectedMessage "*-$Parameter must be $Range*"
        }
    }

    Context 'Get-Help' {
        It 'states the defaults the core decides, not the first value of each enum' {
            $help = Get-Help Invoke-NetworkTraining -Parameter Loss
            $help.defaultValue | Should -Match 'CrossEntropy'
            $help.defaultValue | Should -Not -Be 'SumSquaredError'
            (Get-Help Invoke-NetworkTraining -Parameter Optimizer).defaultValue | Should -Match 'Adam otherwise'
            (Get-Help Invoke-NetworkTraining -Parameter Epochs).defaultValue | Should -Be '100'
            (Get-Help Invoke-NetworkTraining -Parameter Shuffle).defaultValue | Should -Be 'True'
            (Get-Help Invoke-NetworkTraining -Parameter Delimiter).defaultValue | Should -Be "','"
            (Get-Help New-NeuralNetwork -Parameter HiddenLayers).defaultValue | Should -Be '16'
            (Get-Help New-NeuralNetwork -Parameter Seed).defaultValue | Should -Match 'random'
        }
    }
}

Describe 'Data errors name the row, the column and the fix' {
    It 'refuses -Feature names that differ only by case, which would read one column twice' {
        $rows = 1..6 | ForEach-Object { [pscustomobject]@{ 'Sc.Var.maxis' = $_; y = $_ % 2 } }
        { $rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -Seed 1) -Target y -Feature 'Sc.Var.maxis', 'Sc.Var.Maxis' } |
            Should -Throw -ErrorId "DuplicateColumn,$trainId" -ExpectedMessage "*'Sc.Var.maxis' and 'Sc.Var.Maxis'*"
    }

    It 'refuses a property holding a <Kind> instead of reading its type name as a category' -ForEach @(
        @{ Kind = 'hashtable'; Value = @{ a = 1 } }
        @{ Kind = 'array'; Value = @(1, 2) }
    ) {
        $rows = @([pscustomobject]@{ c = 'red'; y = 1 }, [pscustomobject]@{ c = $Value; y = 2 }, [pscustomobject]@{ c = 'blue'; y = 3 })
        $err = { $rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -Seed 1) -Target y } | Should -Throw -ErrorId "NonScalarValue,$trainId" -PassThru
        $err.Exception.Message | Should -Match 'Row 2, property ''c'''
        $err.TargetObject.c | Should -Be $Value
    }

    It 'reports a CSV header that names a column twice, as Import-Csv would' {
        $file = Join-Path $TestDrive 'dup.csv'
        Set-Content $file "x,X,y`n1,2,a`n3,4,b"
        { Invoke-NetworkTraining -Network (New-NeuralNetwork -Seed 1) -Path $file -Target y } |
            Should -Throw -ErrorId "CsvDuplicateHeader,$trainId" -ExpectedMessage "*'x' (column 1) and 'X' (column 2)*"
    }

    It 'reports an unbalanced quote with the file, not a CSV library''s exception' {
        $file = Join-Path $TestDrive 'quote.csv'
        Set-Content $file "x,y`n1,a`n2,`"b`"c`n3,b"
        $err = { Invoke-NetworkTraining -Network (New-NeuralNetwork -Seed 1) -Path $file -Target y } | Should -Throw -ErrorId "CsvMalformed,$trainId" -PassThru
        $err.Exception.Message | Should -Match 'quote\.csv'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'says a directory given as -Path is a directory' {
        { Test-NeuralNetwork -Network (New-NeuralNetwork -Seed 1) -Path $TestDrive } | Should -Throw
        $net = New-NeuralNetwork -HiddenLayers 2 -Seed 1
        $iris.Train | Invoke-NetworkTraining -Network $net -Target species -Epochs 1 | Out-Null
        { Test-NeuralNetwork -Network $net -Path $TestDrive } | Should -Throw -ErrorId "CsvPathIsDirectory,$testId" -ExpectedMessage '*is a directory*'
    }
}

Describe 'Scoring with a trained network' {
    BeforeAll {
        $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
        $iris.Train | Invoke-NetworkTraining -Network $net -Target species -Epochs 100 | Out-Null
    }

    It 'tests networks piped in with -Path, as the README shows' {
        $a = $net | Test-NeuralNetwork -Path $irisPath
        $b = Test-NeuralNetwork -Network $net -Path $irisPath
        $a.Accuracy | Should -Be $b.Accuracy
        $a.Rows | Should -Be 150
        $xml = Join-Path $TestDrive 'net.xml'
        $net | Export-Clixml $xml
        (Import-Clixml $xml | Test-NeuralNetwork -Path $irisPath).Accuracy | Should -Be $b.Accuracy
    }

    It 'advises retraining when a scored row has a missing value' {
        $row = [pscustomobject]@{ sepal_length = ''; sepal_width = 3; petal_length = 1.4; petal_width = 0.2; species = 'setosa' }
        { $row | Test-NeuralNetwork -Network $net } | Should -Throw -ErrorId "MissingValue,$testId" -ExpectedMessage '*retrain the network with -MissingValue Mean*'
    }

    It 'says how many rows a -MissingValue Skip network left out of the test' {
        $skip = New-NeuralNetwork -HiddenLayers 4 -Seed 1
        $iris.Train | Invoke-NetworkTraining -Network $skip -Target species -Epochs 5 -MissingValue Skip | Out-Null
        $rows = @($iris.Test | Select-Object -First 10) + [pscustomobject]@{ sepal_length = ''; sepal_width = 3; petal_length = 1.4; petal_width = 0.2; species = 'setosa' }
        $result = $rows | Test-NeuralNetwork -Network $skip -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Rows | Should -Be 10
        "$warnings" | Should -Match '1 of 11 rows have missing values and were left out'
    }

    It 'predicts piped rows in chunks as one row at a time (to the last bits: the kernels differ), in order' {
        $many = 1..600 | ForEach-Object { $iris.Train[$_ % $iris.Train.Count] }
        $all = $many | Get-NetworkPrediction -Network $net
        $all.Count | Should -Be 600
        for ($i = 0; $i -lt 600; $i += 97) {
            $one = $many[$i] | Get-NetworkPrediction -Network $net
            [math]::Abs($all[$i].Probability - $one.Probability) | Should -BeLessThan 1e-13
            $all[$i].Prediction | Should -Be $one.Prediction
            $all[$i].sepal_length | Should -Be $many[$i].sepal_length
        }
    }

    It 'names the row of a bad value beyond the first chunk, and targets that row' {
        $many = 1..300 | ForEach-Object { $iris.Train[$_ % $iris.Train.Count] | Select-Object * }
        $many[279].sepal_width = 'wide'
        $err = { $many | Get-NetworkPrediction -Network $net } | Should -Throw -ErrorId "NonNumericValue,$predictId" -PassThru
        $err.Exception.Message | Should -Match '^Row 280,'
        $err.TargetObject.sepal_width | Should -Be 'wide'
    }
}

Describe 'Numbers a network cannot stand behind' {
    It 'refuses to report an infinite prediction from weights too large for the inputs' {
        $net = New-NeuralNetwork -LayerSizes 1, 1 -Activation Identity -InitialWeights (, (, [double[]]@(1e308))) -NoBias
        $row = [pscustomobject]@{ x = 10 }
        $err = { $row | Get-NetworkPrediction -Network $net } | Should -Throw -ErrorId "PredictionNotFinite,$predictId" -PassThru
        $err.Exception.Message | Should -Match 'Row 1: .*largest is 1E\+308.*smaller -InitialWeights'
        $err.CategoryInfo.Category | Should -Be 'InvalidResult'
        { Get-NetworkPrediction -Network $net -FeatureMatrix (, [double[]]@(10)) } | Should -Throw -ErrorId "PredictionNotFinite,$predictId"
    }

    It 'warns when the validation set is too small to judge epochs by, and says what to do' {
        $small = $iris.Train | Select-Object -First 100
        $net = New-NeuralNetwork -HiddenLayers 4 -Seed 1
        $small | Invoke-NetworkTraining -Network $net -Target species -Epochs 3 -ValidationSplit 0.1 -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
        "$warned" | Should -Match 'only 10 rows, too few to judge epochs by.*at least 30 rows'
        $big = New-NeuralNetwork -HiddenLayers 4 -Seed 1
        $iris.Train | Invoke-NetworkTraining -Network $big -Target species -Epochs 3 -ValidationSplit 0.3 -WarningVariable none -WarningAction SilentlyContinue | Out-Null
        $none | Should -BeNullOrEmpty
    }
}

Describe 'Get-NetworkPrediction -OutFile' {
    BeforeAll {
        $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
        $iris.Train | Invoke-NetworkTraining -Network $net -Target species -Epochs 30 | Out-Null
        $out = Join-Path $TestDrive 'scored.csv'
    }

    It 'writes every input row as it was, then the same predictions the objects carry' {
        Get-NetworkPrediction -Network $net -Path $irisPath -OutFile $out
        $scored = Import-Csv $out
        $objects = Get-NetworkPrediction -Network $net -Path $irisPath
        $scored.Count | Should -Be 150
        (Get-Content $out -TotalCount 1) | Should -Be 'sepal_length,sepal_width,petal_length,petal_width,species,Prediction,Probability,Probability_setosa,Probability_versicolor,Probability_virginica'
        (Get-Content $out)[1] | Should -BeLike "$((Get-Content $irisPath)[1]),*"
        for ($i = 0; $i -lt 150; $i += 29) {
            $scored[$i].Prediction | Should -Be $objects[$i].Prediction
            [double]$scored[$i].Probability | Should -Be $objects[$i].Probability
            [double]$scored[$i].Probability_virginica | Should -Be $objects[$i].Probability_virginica
        }
    }

    It 'writes each probability in the fewest digits that read back as the same double, under either build' {
        Get-NetworkPrediction -Network $net -Path $irisPath -OutFile $out
        $objects = Get-NetworkPrediction -Network $net -Path $irisPath
        $scored = Import-Csv $out
        $invariant = [Globalization.CultureInfo]::InvariantCulture
        # PowerShell 7's "R" is the shortest round-trip form; the netstandard2.0 build formats it itself.
        $differ = for ($i = 0; $i -lt 150; $i++) {
            foreach ($name in 'Probability', 'Probability_setosa', 'Probability_versicolor', 'Probability_virginica') {
                $expected = $objects[$i].$name.ToString('R', $invariant)
                if ($scored[$i].$name -cne $expected) { "row $($i + 1), ${name}: $($scored[$i].$name), not $expected" }
            }
        }
        $differ | Should -BeNullOrEmpty
    }

    It 'gives a scored file scored again each prediction column once, in a file and in objects' {
        Get-NetworkPrediction -Network $net -Path $irisPath -OutFile $out
        $again = Join-Path $TestDrive 'again.csv'
        Get-NetworkPrediction -Network $net -Path $out -OutFile $again
        (Get-Content $again -TotalCount 1) | Should -Be (Get-Content $out -TotalCount 1)
        (Get-Content $again) | Should -Be (Get-Content $out)
        $fromFile = Get-NetworkPrediction -Network $net -Path $out
        $piped = Import-Csv $out | Get-NetworkPrediction -Network $net
        foreach ($row in $fromFile[0], $piped[0]) {
            $row.PSObject.Properties.Name -join ',' | Should -Be 'sepal_length,sepal_width,petal_length,petal_width,species,Prediction,Probability,Probability_setosa,Probability_versicolor,Probability_virginica'
        }
        $fromFile[0].Probability | Should -Be ([double](Import-Csv $out)[0].Probability)
    }

    It 'reads quoted files too, quoting cells again where they need it' {
        $quoted = Join-Path $TestDrive 'quoted.csv'
        $text = (Get-Content $irisPath) -replace '^([^,]+),', '"$1",'
        $text[1] = $text[1] -replace ',setosa$', ',"set, osa"'
        Set-Content $quoted $text
        Get-NetworkPrediction -Network $net -Path $quoted -OutFile $out
        $scored = Import-Csv $out
        $scored.Count | Should -Be 150
        $scored[0].species | Should -Be 'set, osa'
        $scored[1].Prediction | Should -Be (Get-NetworkPrediction -Network $net -Path $irisPath)[1].Prediction
    }

    It 'names the row of a bad value and leaves no file' {
        $bad = Join-Path $TestDrive 'bad.csv'
        $text = Get-Content $irisPath
        $text[100] = $text[100] -replace '^[^,]+', 'wide'
        Set-Content $bad $text
        Remove-Item $out -ErrorAction SilentlyContinue
        { Get-NetworkPrediction -Network $net -Path $bad -OutFile $out } | Should -Throw -ErrorId "NonNumericValue,$predictId" -ExpectedMessage 'Row 100,*'
        Test-Path $out | Should -BeFalse
        (Get-ChildItem $TestDrive -Force -Filter '*.tmp').Count | Should -Be 0
    }

    It 'stops on Ctrl+C while it scores a large file, leaving no file behind' {
        $big = Join-Path $TestDrive 'big.csv'
        $lines = Get-Content $irisPath
        [IO.File]::WriteAllText($big, $lines[0] + "`n" + (($lines[1..150] -join "`n") + "`n") * 20000)   # 3M rows
        Remove-Item $out -ErrorAction SilentlyContinue
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($module, $net, $big, $out) Import-Module $module; Get-NetworkPrediction -Network $net -Path $big -OutFile $out }).
                AddArgument($script:ModulePath).AddArgument($net).AddArgument($big).AddArgument($out)
            $async = $ps.BeginInvoke()
            $deadline = [datetime]::Now.AddSeconds(30)
            while (-not (Get-ChildItem $TestDrive -Force -Filter '*.tmp') -and [datetime]::Now -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Start-Sleep -Milliseconds 200
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 5 -Because 'every stage stops at its next chunk'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped' -Because 'the scoring must still be running when Ctrl+C comes'
        }
        finally { $ps.Dispose() }
        Test-Path $out | Should -BeFalse
        (Get-ChildItem $TestDrive -Force -Filter '*.tmp').Count | Should -Be 0
    }

    It 'writes nothing with -WhatIf, refuses an existing file with -NoClobber, and returns the file with -PassThru' {
        Remove-Item $out -ErrorAction SilentlyContinue
        Get-NetworkPrediction -Network $net -Path $irisPath -OutFile $out -WhatIf
        Test-Path $out | Should -BeFalse
        (Get-NetworkPrediction -Network $net -Path $irisPath -OutFile $out -PassThru).FullName | Should -Be $out
        { Get-NetworkPrediction -Network $net -Path $irisPath -OutFile $out -NoClobber } | Should -Throw -ErrorId "FileExists,$predictId"
    }

    It 'keeps rows a -MissingValue Skip network leaves out, with empty prediction cells, and says how many' {
        $skip = New-NeuralNetwork -HiddenLayers 4 -Seed 1
        $iris.Train | Invoke-NetworkTraining -Network $skip -Target species -Epochs 3 -MissingValue Skip | Out-Null
        $gaps = Join-Path $TestDrive 'gaps.csv'
        $text = Get-Content $irisPath
        $text[5] = $text[5] -replace '^[^,]+', ''
        Set-Content $gaps $text
        Get-NetworkPrediction -Network $skip -Path $gaps -OutFile $out -WarningVariable warned -WarningAction SilentlyContinue
        $scored = Import-Csv $out
        $scored.Count | Should -Be 150
        $scored[4].Prediction | Should -Be ''
        $scored[5].Prediction | Should -Not -Be ''
        "$warned" | Should -Match '1 of 150 rows have missing values'
    }
}

