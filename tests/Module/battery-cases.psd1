# The fault battery's cases (Battery.Tests.ps1 runs them; BatteryFixtures.ps1 defines the shared
# networks and helpers they use: $Iris, $IrisNet, $RegNet, $MatrixNet, $ColorNet, $SkipNet, $X, $Y,
# $Tutorial, $Rows, $Features, Copy-Iris, New-TextFile, New-ModelVariant, New-SerializedNetwork,
# Get-FolderContent, Start-Background, Invoke-Child).
#
# Each case:
#   Id, Area, Case   what is tried, in which of the issue's seven areas
#   Run              the script (in a fresh folder of its own, which is the current location)
#   Expect           Error (default: a terminating error), NonTerminating, Warning, Success, or
#                    Stopped (Ctrl+C after StopAfter milliseconds)
#   Error, Cmdlet    the expected error id and the cmdlet whose FullyQualifiedErrorId it is
#                    (without Cmdlet, Error is the whole FullyQualifiedErrorId)
#   Category         the expected ErrorCategory
#   Message          patterns (regular expressions) the message (or the warnings, or the output) must match
#   Target           a pattern the error's target object must match
#   Check            a script run after the case, in its scope, that must return $true (files on disk, the network)
#   Seconds          the time bound (default 30)
#   Needs            Root, NotRoot, Unix, Linux, WindowsPowerShell or OwnLoadContext (the net8.0 build): skipped elsewhere, saying why
#   Known            a bug left out of this work, and why: reported (as skipped), not failed
@{
    Cases = @(
        # ---------------------------------------------------------------- README path
        @{ Id = 'R01'; Area = 'README path'; Case = 'a piped network tested on a -Path file that does not exist'
            Run = '$IrisNet | Test-NeuralNetwork -Path ./missing.csv'
            Error = 'FileNotFound'; Cmdlet = 'Test-NeuralNetwork'; Category = 'ObjectNotFound'; Message = 'missing\.csv' }
        @{ Id = 'R02'; Area = 'README path'; Case = 'Import-Clixml | Test-NeuralNetwork -Path on a file without the target column'
            Run = '$IrisNet | Export-Clixml ./net.xml; Copy-Iris 10 | Select-Object $Features | Export-Csv ./test.csv; Import-Clixml ./net.xml | Test-NeuralNetwork -Path ./test.csv'
            Error = 'TargetNotFound'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidData'; Message = "'species'", 'as a target', 'Their properties are: sepal_length'; Target = 'test\.csv' }
        @{ Id = 'R03'; Area = 'README path'; Case = 'the Quick start with a misspelled -Target'
            Run = '$Iris | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3 -Seed 1) -Target specie -Epochs 1'
            Error = 'TargetNotFound'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = "-Target names 'specie'", 'species' }
        @{ Id = 'R04'; Area = 'README path'; Case = 'prediction with a network never trained'
            Run = '$Iris | Get-NetworkPrediction -Network (New-NeuralNetwork -HiddenLayers 4)'
            Error = 'NetworkNotTrained'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidOperation'; Message = 'Invoke-NetworkTraining first' }
        @{ Id = 'R05'; Area = 'README path'; Case = 'testing a network never trained'
            Run = '$Iris | Test-NeuralNetwork -Network (New-NeuralNetwork -HiddenLayers 4)'
            Error = 'NetworkNotTrained'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidOperation'; Message = 'has not been trained yet' }
        @{ Id = 'R06'; Area = 'README path'; Case = 'training on an empty pipeline'
            Run = '@() | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species'
            Error = 'NoRows'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = 'No rows to train on' }
        @{ Id = 'R07'; Area = 'README path'; Case = 'testing on an empty pipeline'
            Run = '@() | Test-NeuralNetwork -Network $IrisNet'
            Error = 'NoRows'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidData'; Message = 'No rows to test on' }
        @{ Id = 'R08'; Area = 'README path'; Case = 'rows that hold only the target'
            Run = '1..6 | ForEach-Object { [pscustomobject]@{ y = $_ % 2 } } | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y'
            Error = 'NoFeatures'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = 'at least one feature' }
        @{ Id = 'R09'; Area = 'README path'; Case = 'a class target with one class (the first 40 iris rows)'
            Run = 'Copy-Iris 40 | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species'
            Error = 'SingleClass'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "only one class \('setosa'\)" }
        @{ Id = 'R10'; Area = 'README path'; Case = 'testing on a row of a class the network never saw'
            Run = '$r = Copy-Iris 3; $r[1].species = "iris-nova"; $r | Test-NeuralNetwork -Network $IrisNet'
            Error = 'UnknownClass'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidData'; Message = '^Row 2, target .species. is .iris-nova.', 'it knows'; Target = 'iris-nova' }
        @{ Id = 'R11'; Area = 'README path'; Case = 'predicting a category the network never saw'
            Run = '[pscustomobject]@{ color = "purple"; x = 1 } | Get-NetworkPrediction -Network $ColorNet'
            Error = 'UnknownCategory'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "^Row 1, property 'color' is 'purple'", '-UnknownCategory Ignore'; Target = 'purple' }
        @{ Id = 'R12'; Area = 'README path'; Case = 'the same with -UnknownCategory Ignore, as the message advises'
            Run = '[pscustomobject]@{ color = "purple"; x = 1 } | Get-NetworkPrediction -Network $ColorNet -UnknownCategory Ignore'
            Expect = 'Success'; Message = 'Prediction' }
        @{ Id = 'R13'; Area = 'README path'; Case = 'an experiment where a category appears in one fold only'
            Run = '$data = @($Colors) + [pscustomobject]@{ color = "purple"; x = 1; label = "a" }; Invoke-NetworkExperiment -InputObject $data -Target label -Folds 3 -Epochs 2 -ParameterGrid @{ HiddenLayers = 2 }'
            Expect = 'NonTerminating'; Error = 'ExperimentRunFailed'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidResult'; Message = "'purple'", '-UnknownCategory Ignore', 'other configurations ran' }
        @{ Id = 'R14'; Area = 'README path'; Case = 'the same experiment with -UnknownCategory Ignore, as the message advises'
            Run = '$data = @($Colors) + [pscustomobject]@{ color = "purple"; x = 1; label = "a" }; Invoke-NetworkExperiment -InputObject $data -Target label -Folds 3 -Epochs 2 -ParameterGrid @{ HiddenLayers = 2 } -UnknownCategory Ignore | Select-Object Configuration, MeanScore'
            Expect = 'Success'; Message = 'MeanScore'; Check = '$r = Invoke-NetworkExperiment -InputObject $data -Target label -Folds 3 -Epochs 2 -ParameterGrid @{ HiddenLayers = 2 } -UnknownCategory Ignore; -not [double]::IsNaN($r.MeanScore)' }
        @{ Id = 'R15'; Area = 'README path'; Case = 'an experiment grid key that names no parameter'
            Run = 'Invoke-NetworkExperiment -InputObject $Iris -Target species -ParameterGrid @{ HiddenLayer = 4, 8 } -Epochs 1'
            Error = 'InvalidParameterGrid'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidArgument'; Message = "'HiddenLayer'" }
        @{ Id = 'R16'; Area = 'README path'; Case = 'an experiment grid value that does not fit its parameter'
            Run = 'Invoke-NetworkExperiment -InputObject $Iris -Target species -ParameterGrid @{ Optimizer = "Adam", "Adamm" } -Epochs 1'
            Error = 'InvalidParameterGrid'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidArgument'; Message = 'Adamm', 'Optimizer' }
        @{ Id = 'R17'; Area = 'README path'; Case = 'an experiment scored by RSquared for a classifier'
            Run = 'Invoke-NetworkExperiment -InputObject $Iris -Target species -ParameterGrid @{ HiddenLayers = 2 } -Metric RSquared -Epochs 1'
            Error = 'MetricNotApplicable'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidArgument'; Message = 'RSquared', 'Accuracy' }
        @{ Id = 'R18'; Area = 'README path'; Case = 'a missing value while testing: the advice is to retrain'
            Run = '$r = Copy-Iris 2; $r[1].petal_length = ""; $r | Test-NeuralNetwork -Network $IrisNet'
            Error = 'MissingValue'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidData'; Message = "^Row 2, property 'petal_length' is empty", 'retrain the network with -MissingValue'; Target = 'petal_length=;' }
        @{ Id = 'R19'; Area = 'README path'; Case = 'a missing value while training: the advice is -MissingValue'
            Run = '$r = Copy-Iris; $r[2].sepal_width = $null; $r | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species'
            Error = 'MissingValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 3, property 'sepal_width' is empty", '-MissingValue Skip' }
        @{ Id = 'R20'; Area = 'README path'; Case = 'a -MissingValue Skip network predicting a -Path file names each row it leaves out'
            Run = '$r = Copy-Iris 4; $r[2].petal_width = ""; $r | Export-Csv ./new.csv; Get-NetworkPrediction -Network $SkipNet -Path ./new.csv'
            Expect = 'Warning'; Message = 'Row 3 has a missing value', 'trained with -MissingValue Skip'; Check = '@(Get-NetworkPrediction -Network $SkipNet -Path ./new.csv -WarningAction SilentlyContinue).Count -eq 3' }
        @{ Id = 'R21'; Area = 'README path'; Case = 'a -MissingValue Skip network predicting a row with a missing value names it'
            Run = '$r = Copy-Iris 3; $r[1].sepal_length = ""; $r | Get-NetworkPrediction -Network $SkipNet'
            Expect = 'Warning'; Message = 'Row 2 has a missing value'; Check = '@($r | Get-NetworkPrediction -Network $SkipNet -WarningAction SilentlyContinue).Count -eq 2' }
        @{ Id = 'R22'; Area = 'README path'; Case = '-Feature names that differ only by case'
            Run = '$Iris | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species -Feature sepal_length, SEPAL_LENGTH'
            Error = 'DuplicateColumn'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = "'sepal_length' and 'SEPAL_LENGTH'" }
        @{ Id = 'R23'; Area = 'README path'; Case = 'Export-NeuralNetwork into ./models before the folder exists'
            Run = '$IrisNet | Export-NeuralNetwork -Path ./models/iris.json'
            Error = 'FolderNotFound'; Cmdlet = 'Export-NeuralNetwork'; Category = 'ObjectNotFound'; Message = 'iris\.json'; Check = '-not (Test-Path ./models)' }
        @{ Id = 'R24'; Area = 'README path'; Case = 'Import-NeuralNetwork ./iris.json before it was saved'
            Run = 'Import-NeuralNetwork ./iris.json'
            Error = 'FileNotFound'; Cmdlet = 'Import-NeuralNetwork'; Category = 'ObjectNotFound'; Message = 'iris\.json' }
        @{ Id = 'R25'; Area = 'README path'; Case = 'Import-NeuralNetwork ./models/*.json when nothing matches'
            Run = 'New-Item -ItemType Directory ./models | Out-Null; Import-NeuralNetwork ./models/*.json'
            Error = 'FileNotFound'; Cmdlet = 'Import-NeuralNetwork'; Category = 'ObjectNotFound'; Message = 'No file matches', 'models' }
        @{ Id = 'R26'; Area = 'README path'; Case = 'a semicolon-separated file read without -Delimiter'
            Run = 'New-TextFile new.csv "a;b;y`n1;2;3`n4;5;6" | Out-Null; Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path ./new.csv -Target y'
            Error = 'TargetNotFound'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = 'a;b;y', "-Delimiter ';'" }
        @{ Id = 'R27'; Area = 'README path'; Case = '-ValidationSplit and -ValidationData together'
            Run = '$Iris | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species -ValidationSplit 0.2 -ValidationData $Iris'
            Error = 'ValidationConflict'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = 'not both' }
        @{ Id = 'R28'; Area = 'README path'; Case = 'a diagram of a network never trained'
            Run = 'New-NeuralNetwork -HiddenLayers 3 | Export-NetworkDiagram -Path ./net.svg'
            Error = 'NetworkNotTrained'; Cmdlet = 'Export-NetworkDiagram'; Category = 'InvalidOperation'; Message = 'Invoke-NetworkTraining first'; Check = '-not (Test-Path ./net.svg)' }
        @{ Id = 'R29'; Area = 'README path'; Case = 'an ONNX export of a network never trained'
            Run = 'New-NeuralNetwork -HiddenLayers 3 | Export-NeuralNetwork -Path ./net.onnx'
            Error = 'NetworkNotTrained'; Cmdlet = 'Export-NeuralNetwork'; Category = 'InvalidOperation'; Check = '(Get-FolderContent).Count -eq 0' }
        @{ Id = 'R30'; Area = 'README path'; Case = '-UnknownCategory for a JSON export'
            Run = '$ColorNet | Export-NeuralNetwork -Path ./churn.json -UnknownCategory Ignore'
            Error = 'UnknownCategoryNeedsOnnx'; Cmdlet = 'Export-NeuralNetwork'; Category = 'InvalidArgument'; Message = '-Format Onnx'; Check = '(Get-FolderContent).Count -eq 0' }
        @{ Id = 'R31'; Area = 'README path'; Case = 'two networks piped to one file'
            Run = '$IrisNet, $RegNet | Export-NeuralNetwork -Path ./both.json'
            Error = 'SeveralNetworksOneFile'; Cmdlet = 'Export-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'a file holds one network'; Check = '(Import-NeuralNetwork ./both.json).Target -eq "species"' }
        @{ Id = 'R32'; Area = 'README path'; Case = 'a training history to a file that is neither .svg nor .csv'
            Run = '$IrisNet | Export-NetworkTrainingHistory -Path ./loss.txt'
            Error = 'UnknownFormat'; Cmdlet = 'Export-NetworkTrainingHistory'; Category = 'InvalidArgument'; Message = '-Format Svg'; Check = '-not (Test-Path ./loss.txt)' }
        @{ Id = 'R33'; Area = 'README path'; Case = 'a gradient check of a network never trained, without -Target'
            Run = 'Test-NetworkGradient -Network (New-NeuralNetwork -HiddenLayers 3) -InputObject ($Iris | Select-Object -First 5)'
            Error = 'TargetRequired'; Cmdlet = 'Test-NetworkGradient'; Category = 'InvalidArgument'; Message = '-Target' }
        @{ Id = 'R34'; Area = 'README path'; Case = 'testing rows on a network trained on matrices'
            Run = '$Tutorial | Test-NeuralNetwork -Network $MatrixNet'
            Error = 'NoSchema'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidOperation'; Message = '-FeatureMatrix and -TargetMatrix' }
        @{ Id = 'R35'; Area = 'README path'; Case = 'predicting a file with a network trained on matrices'
            Run = '$Tutorial | Export-Csv ./t.csv; Get-NetworkPrediction -Network $MatrixNet -Path ./t.csv'
            Error = 'NoSchema'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidOperation'; Message = '-FeatureMatrix' }
        @{ Id = 'R36'; Area = 'README path'; Case = 'a -FeatureMatrix of the wrong width'
            Run = 'Get-NetworkPrediction -Network $MatrixNet -FeatureMatrix (, [double[]](1, 2))'
            Error = 'FeatureCountMismatch'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidArgument'; Message = 'takes 3 inputs', '2 feature values' }
        @{ Id = 'R37'; Area = 'README path'; Case = 'a learning rate so large that training diverges'
            Run = '$n = New-NeuralNetwork -HiddenLayers 4 -Seed 1; $Rows | Invoke-NetworkTraining -Network $n -Target y -Optimizer GradientDescent -LearningRate 100 -Epochs 50 -Scaling None'
            Error = 'TrainingDiverged'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidResult'; Message = 'Lower -LearningRate', '-AutoReduceLearningRate'
            Check = '@($Rows | Get-NetworkPrediction -Network $n | Where-Object { [double]::IsNaN($_.Prediction) -or [double]::IsInfinity($_.Prediction) }).Count -eq 0' }
        @{ Id = 'R38'; Area = 'README path'; Case = 'the same with -AutoReduceLearningRate, as the message advises'
            Run = '$n = New-NeuralNetwork -HiddenLayers 4 -Seed 1; $Rows | Invoke-NetworkTraining -Network $n -Target y -Optimizer GradientDescent -LearningRate 100 -Epochs 50 -Scaling None -AutoReduceLearningRate | Out-Null'
            Expect = 'Warning'; Message = 'learning rate'; Check = '@($Rows | Get-NetworkPrediction -Network $n | Where-Object { [double]::IsNaN($_.Prediction) }).Count -eq 0' }
        @{ Id = 'R39'; Area = 'README path'; Case = 'predicting rows that lack a feature the network was trained with'
            Run = 'Copy-Iris 2 | Select-Object sepal_length, sepal_width, petal_length | Get-NetworkPrediction -Network $IrisNet'
            Error = 'FeatureNotFound'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "^Row 1 has no property 'petal_width'", 'retrain the network with -MissingValue Mean' }
        @{ Id = 'R40'; Area = 'README path'; Case = 'a Start-Job training whose rows are missing reports the module''s own error id'
            Run = '$job = Start-Job { Import-Module $using:ModulePath; @() | Invoke-NetworkTraining -Network (New-NeuralNetwork) -Target species }; Receive-Job $job -Wait -ErrorAction Stop'
            Error = 'NoRows,NeuralNet.PowerShell.Commands.InvokeNetworkTrainingCommand'; Category = 'InvalidData'; Message = 'No rows to train on'; Seconds = 90 }

        @{ Id = 'R41'; Area = 'README path'; Case = 'an experiment on a file with a header and no rows'
            Run = 'Invoke-NetworkExperiment -Path (New-TextFile h.csv "x,y`n") -Target y -ParameterGrid @{ HiddenLayers = 2 }'
            Error = 'NoRows'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidData'; Message = '^No rows to experiment on' }
        @{ Id = 'R42'; Area = 'README path'; Case = 'an experiment grid of hidden layers of 0 units is refused before any run'
            Run = 'Invoke-NetworkExperiment -InputObject $Iris -Target species -ParameterGrid @{ HiddenLayers = 4, 0 } -Folds 2 -Epochs 1'
            Error = 'InvalidParameterGrid'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidArgument'; Message = 'HiddenLayers', 'between 1 and 1000000' }

        @{ Id = 'R43'; Area = 'README path'; Case = 'a network piped to Test-NeuralNetwork -Path, and one from Import-Clixml, score the file as -Network does'
            Run = '$a = $IrisNet | Test-NeuralNetwork -Path $IrisPath; $IrisNet | Export-Clixml ./net.xml; $b = Import-Clixml ./net.xml | Test-NeuralNetwork -Path $IrisPath; $c = Test-NeuralNetwork -Network $IrisNet -Path $IrisPath; "rows: $($a.Rows), same: $($a.Accuracy -eq $c.Accuracy -and $b.Accuracy -eq $c.Accuracy)"'
            Expect = 'Success'; Message = 'rows: 150, same: True' }
        @{ Id = 'R44'; Area = 'README path'; Case = 'an experiment with a missing value takes -MissingValue as a parameter, as the message advises'
            Run = '$data = Copy-Iris; $data[7].sepal_width = ""; $r = Invoke-NetworkExperiment -InputObject $data -Target species -Folds 2 -Epochs 2 -ParameterGrid @{ HiddenLayers = 2 } -MissingValue Mean; "scores: $($r.Scores.Count), error: [$($r.Error)]"'
            Expect = 'Success'; Message = 'scores: 2, error: \[\]' }
        @{ Id = 'R45'; Area = 'README path'; Case = 'an experiment with a missing value and no -MissingValue says which parameter to give'
            Run = '$data = Copy-Iris; $data[7].sepal_width = ""; Invoke-NetworkExperiment -InputObject $data -Target species -Folds 2 -Epochs 2 -ParameterGrid @{ HiddenLayers = 2 }'
            Expect = 'NonTerminating'; Error = 'ExperimentRunFailed'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidResult'; Message = "property 'sepal_width' is empty", '-MissingValue' }
        @{ Id = 'R46'; Area = 'README path'; Case = 'a -MissingValue Skip network tested on rows with gaps says how many rows it left out'
            Run = '$r = Copy-Iris 12; $r[3].petal_length = ""; $r[9].sepal_width = ""; $t = $r | Test-NeuralNetwork -Network $SkipNet; "rows: $($t.Rows)"'
            Expect = 'Warning'; Message = '2 of 12 rows have missing values and were left out'; Check = '$t.Rows -eq 10' }

        # ---------------------------------------------------------------- Model files and CliXml
        @{ Id = 'F01'; Area = 'Model files and CliXml'; Case = 'a file that is not JSON'
            Run = 'Import-NeuralNetwork -LiteralPath (New-TextFile net.json "hello")'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'net\.json. is not a valid network file'; Target = 'net\.json' }
        @{ Id = 'F02'; Area = 'Model files and CliXml'; Case = 'an empty file'
            Run = 'Import-NeuralNetwork -LiteralPath (New-TextFile net.json "")'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'is not a valid network file' }
        @{ Id = 'F03'; Area = 'Model files and CliXml'; Case = 'a JSON array'
            Run = 'Import-NeuralNetwork -LiteralPath (New-TextFile net.json "[1, 2]")'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'is not a valid network file' }
        @{ Id = 'F04'; Area = 'Model files and CliXml'; Case = 'an empty JSON object'
            Run = 'Import-NeuralNetwork -LiteralPath (New-TextFile net.json "{}")'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'format' }
        @{ Id = 'F05'; Area = 'Model files and CliXml'; Case = 'another program''s JSON (a wrong format name)'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.format = "Keras model" })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'format' }
        @{ Id = 'F06'; Area = 'Model files and CliXml'; Case = 'a format version from the future'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.formatVersion = 99 })'
            Error = 'ModelFileTooNew'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'format version 99', 'reads versions up to \d', 'Update the NeuralNet module' }
        @{ Id = 'F07'; Area = 'Model files and CliXml'; Case = 'a format version written as text'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.formatVersion = "1" })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'formatVersion' }
        @{ Id = 'F08'; Area = 'Model files and CliXml'; Case = 'no network property'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.PSObject.Properties.Remove("network") })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'network' }
        @{ Id = 'F09'; Area = 'Model files and CliXml'; Case = 'a weight that is null'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.network.layers[0].weights[3] = $null })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'network\.layers\[0\]\.weights' }
        @{ Id = 'F10'; Area = 'Model files and CliXml'; Case = 'a weight written as the text NaN'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.network.layers[1].weights[0] = "NaN" })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'network\.layers\[1\]\.weights' }
        @{ Id = 'F11'; Area = 'Model files and CliXml'; Case = 'more weights than the layer''s shape'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.network.layers[0].weights += 0.5 })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'network\.layers\[0\]\.weights' }
        @{ Id = 'F12'; Area = 'Model files and CliXml'; Case = 'a negative layer size'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.network.layers[0].inputs = -1 })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'network\.layers\[0\]\.inputs' }
        @{ Id = 'F13'; Area = 'Model files and CliXml'; Case = 'a layer of no units'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.network.layers[1].units = 0 })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'network\.layers\[1\]' }
        @{ Id = 'F14'; Area = 'Model files and CliXml'; Case = 'an activation that does not exist'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.network.layers[0].activation = "Swish" })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'Swish|activation' }
        @{ Id = 'F15'; Area = 'Model files and CliXml'; Case = 'an output layer wider than the declared output size'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.network.outputSize = 5 })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'layer 2 is 4 × 3', 'network\.layers\[1\]' }
        @{ Id = 'F16'; Area = 'Model files and CliXml'; Case = 'a bias shorter than its layer'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.network.layers[0].bias = @(0.1) })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'network\.layers\[0\]\.bias' }
        @{ Id = 'F17'; Area = 'Model files and CliXml'; Case = 'a network with biases whose layer has none'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.network.layers[1].bias = $null })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'bias' }
        @{ Id = 'F18'; Area = 'Model files and CliXml'; Case = 'a class target without classes'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.schema.targets[0].classes = @() })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'schema\.targets\[0\]' }
        @{ Id = 'F19'; Area = 'Model files and CliXml'; Case = 'a feature scale of 0 (every prediction would be NaN)'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.schema.features[2].scale = 0 })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'schema\.features\[2\]\.scale' }
        @{ Id = 'F20'; Area = 'Model files and CliXml'; Case = 'a negative feature scale'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.schema.features[0].scale = -2 })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'schema\.features\[0\]\.scale' }
        @{ Id = 'F21'; Area = 'Model files and CliXml'; Case = 'a history loss written as text'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.history[0].loss = "low" })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'history\[0\]\.loss' }
        @{ Id = 'F22'; Area = 'Model files and CliXml'; Case = 'a negative epoch in the history'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.history[1].epoch = -3 })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'history\[1\]\.epoch' }
        @{ Id = 'F23'; Area = 'Model files and CliXml'; Case = 'a negative elapsed time'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.history[0].elapsedSeconds = -1 })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'history\[0\]\.elapsedSeconds' }
        @{ Id = 'F24'; Area = 'Model files and CliXml'; Case = 'JSON nested 100,000 levels deep (no stack overflow)'
            Run = 'Import-NeuralNetwork -LiteralPath (New-TextFile net.json (("[" * 100000) + ("]" * 100000)))'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'nested' }
        @{ Id = 'F25'; Area = 'Model files and CliXml'; Case = 'a file of 2 GB (sparse) refused before it is read'
            Run = '$f = [IO.File]::Create("$PWD/big.json"); $f.SetLength(2GB); $f.Dispose(); try { Import-NeuralNetwork -LiteralPath ./big.json } finally { Remove-Item ./big.json }'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = '2048 MB', 'largest network file' }
        @{ Id = 'F26'; Area = 'Model files and CliXml'; Case = 'text after the JSON document'
            Run = 'Import-NeuralNetwork -LiteralPath (New-TextFile net.json ($IrisJson + "`n{ }"))'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'is not a valid network file' }
        @{ Id = 'F27'; Area = 'Model files and CliXml'; Case = 'a property given twice'
            Run = 'Import-NeuralNetwork -LiteralPath (New-TextFile net.json ($IrisJson -replace "^\{", "{ `"formatVersion`": 7,"))'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'formatVersion' }
        @{ Id = 'F28'; Area = 'Model files and CliXml'; Case = 'an ONNX model given to Import-NeuralNetwork'
            Run = '$IrisNet | Export-NeuralNetwork -Path ./iris.onnx; Import-NeuralNetwork ./iris.onnx'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'iris\.onnx', 'looks like an ONNX model', 'JSON file' }
        @{ Id = 'F29'; Area = 'Model files and CliXml'; Case = 'a CliXml file given to Import-NeuralNetwork'
            Run = '$IrisNet | Export-Clixml ./net.xml; Import-NeuralNetwork ./net.xml'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'net\.xml', 'It is XML', 'Import-Clixml' }
        @{ Id = 'F30'; Area = 'Model files and CliXml'; Case = 'a file nobody may read'; Needs = 'NotRoot'
            Run = '$IrisNet | Export-NeuralNetwork -Path ./net.json; chmod 000 ./net.json; Import-NeuralNetwork ./net.json'
            Error = 'ImportFailed'; Cmdlet = 'Import-NeuralNetwork'; Category = 'PermissionDenied'; Message = 'net\.json' }
        @{ Id = 'F31'; Area = 'Model files and CliXml'; Case = 'CliXml whose ModelJson holds a number'
            Run = '$bag = New-SerializedNetwork 42; Export-NeuralNetwork -InputObject $bag -Path ./net.json'
            Error = 'ParameterArgumentTransformationError'; Cmdlet = 'Export-NeuralNetwork'; Category = 'InvalidData'; Message = 'ModelJson property holds a Int32'; Check = '(Get-FolderContent) -notcontains "net.json"' }
        @{ Id = 'F32'; Area = 'Model files and CliXml'; Case = 'CliXml without ModelJson, given to Get-NetworkPrediction'
            Run = '$bag = New-SerializedNetwork $IrisJson -property Model; $Iris | Get-NetworkPrediction -Network $bag'
            Error = 'ParameterArgumentTransformationError'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = 'has no ModelJson property', 'Serialize the network again' }
        @{ Id = 'F33'; Area = 'Model files and CliXml'; Case = 'CliXml without ModelJson, given to Test-NeuralNetwork'
            Run = '$bag = New-SerializedNetwork $IrisJson -property Model; $Iris | Test-NeuralNetwork -Network $bag'
            Error = 'ParameterArgumentTransformationError'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidData'; Message = 'has no ModelJson property' }
        @{ Id = 'F34'; Area = 'Model files and CliXml'; Case = 'CliXml without ModelJson, piped (a pipeline binding error, non-terminating as PowerShell makes them) to Copy-NeuralNetwork'
            Run = '$bag = New-SerializedNetwork $IrisJson -property Model; $bag | Copy-NeuralNetwork'
            Expect = 'NonTerminating'; Error = 'ParameterArgumentTransformationError'; Cmdlet = 'Copy-NeuralNetwork'; Category = 'InvalidData'; Message = 'has no ModelJson property' }
        @{ Id = 'F35'; Area = 'Model files and CliXml'; Case = 'CliXml without ModelJson, piped (a pipeline binding error, non-terminating as PowerShell makes them) to Show-NetworkTrainingHistory'
            Run = '$bag = New-SerializedNetwork $IrisJson -property Model; $bag | Show-NetworkTrainingHistory'
            Expect = 'NonTerminating'; Error = 'ParameterArgumentTransformationError'; Cmdlet = 'Show-NetworkTrainingHistory'; Category = 'InvalidData'; Message = 'has no ModelJson property' }
        @{ Id = 'F36'; Area = 'Model files and CliXml'; Case = 'CliXml without ModelJson, given to Get-NetworkGradient'
            Run = '$bag = New-SerializedNetwork $IrisJson -property Model; Get-NetworkGradient -Network $bag -InputObject $Iris'
            Error = 'ParameterArgumentTransformationError'; Cmdlet = 'Get-NetworkGradient'; Category = 'InvalidData'; Message = 'has no ModelJson property' }
        @{ Id = 'F37'; Area = 'Model files and CliXml'; Case = 'CliXml without ModelJson, given to Invoke-NetworkTraining'
            Run = '$bag = New-SerializedNetwork $IrisJson -property Model; $Iris | Invoke-NetworkTraining -Network $bag -Target species -Epochs 1'
            Error = 'ParameterArgumentTransformationError'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = 'has no ModelJson property' }
        @{ Id = 'F38'; Area = 'Model files and CliXml'; Case = 'CliXml with its ModelJson cut short, given to Test-NeuralNetwork (the JSON is not quoted)'
            Run = '$bag = New-SerializedNetwork $IrisJson.Substring(0, 2000); $Iris | Test-NeuralNetwork -Network $bag'
            Error = 'ParameterArgumentTransformationError'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidData'; Message = "'ModelJson' is not a valid network file" }
        @{ Id = 'F39'; Area = 'Model files and CliXml'; Case = 'CliXml claiming a 1,000,000 × 1,000 layer, given to Get-NetworkPrediction'
            Run = '$d = $IrisJson | ConvertFrom-Json -Depth 30; $d.network.layers[0].inputs = 1000000; $d.network.layers[0].units = 1000; $bag = New-SerializedNetwork ($d | ConvertTo-Json -Depth 30); $before = [GC]::GetTotalAllocatedBytes($false); try { $Iris | Get-NetworkPrediction -Network $bag } finally { $script:allocated = [GC]::GetTotalAllocatedBytes($false) - $before }'
            Error = 'ParameterArgumentTransformationError'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = 'layer 1 is 1000000 × 1000, which does not fit the sizes around it'; Check = '$allocated -lt 200MB' }
        @{ Id = 'F40'; Area = 'Model files and CliXml'; Case = 'CliXml whose ModelJson is an empty object, piped to Export-NetworkDiagram'
            Run = '$bag = New-SerializedNetwork "{}"; $bag | Export-NetworkDiagram -Path ./d.svg'
            Expect = 'NonTerminating'; Error = 'ParameterArgumentTransformationError'; Cmdlet = 'Export-NetworkDiagram'; Category = 'InvalidData'; Message = 'not a valid network file'; Check = '-not (Test-Path ./d.svg)' }
        @{ Id = 'F41'; Area = 'Model files and CliXml'; Case = 'a hashtable given as -Network'
            Run = '$Iris | Get-NetworkPrediction -Network @{ Layers = "4-4-3" }'
            Error = 'CannotConvertArgumentNoMessage'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidArgument'; Message = 'Network' }
        @{ Id = 'F42'; Area = 'Model files and CliXml'; Case = '$null given as -Network'
            Run = '$Iris | Test-NeuralNetwork -Network $null'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidData'; Message = 'Network' }
        @{ Id = 'F43'; Area = 'Model files and CliXml'; Case = 'a saved network''s JSON text given as -Network works'
            Run = '$Iris | Select-Object -First 2 | Get-NetworkPrediction -Network (Get-Content (New-TextFile n.json $IrisJson) -Raw)'
            Expect = 'Success'; Message = 'setosa' }
        @{ Id = 'F44'; Area = 'Model files and CliXml'; Case = 'a word given as -Network'
            Run = '$Iris | Get-NetworkPrediction -Network "iris"'
            Error = 'CannotConvertArgumentNoMessage'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidArgument'; Message = 'Network' }
        @{ Id = 'F45'; Area = 'Model files and CliXml'; Case = 'a network file whose layers disagree with its schema''s features'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.schema.features = @($d.schema.features[0..2]) })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'schema|inputs' }
        @{ Id = 'F46'; Area = 'Model files and CliXml'; Case = 'a directory named like a network file, piped from Get-ChildItem'
            Run = 'New-Item -ItemType Directory ./old.json | Out-Null; Get-ChildItem . | Import-NeuralNetwork'
            Error = 'PathIsDirectory'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'is a directory' }
        @{ Id = 'F47'; Area = 'Model files and CliXml'; Case = 'a FIFO given to Import-NeuralNetwork (no hang)'; Needs = 'Unix'; Seconds = 15
            Run = 'mkfifo ./pipe.json; Import-NeuralNetwork -LiteralPath ./pipe.json'
            Error = 'NotARegularFile'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'pipe\.json', 'FIFO' }
        @{ Id = 'F48'; Area = 'Model files and CliXml'; Case = '/dev/zero given to Import-NeuralNetwork (no endless read)'; Needs = 'Linux'; Seconds = 15
            Run = 'Import-NeuralNetwork -LiteralPath /dev/zero'
            Error = 'NotARegularFile'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidArgument'; Message = '/dev/zero', 'character device' }

        @{ Id = 'F49'; Area = 'Model files and CliXml'; Case = 'a file declaring a 1,000,000 × 1,000 layer with 16 weights, refused before it is allocated'
            Run = '$path = New-ModelVariant net.json { param($d) $d.network.inputSize = 1000000; $d.network.hiddenSizes = @(1000); $d.network.layers[0].inputs = 1000000; $d.network.layers[0].units = 1000; $d.network.layers[1].inputs = 1000 }; $before = [GC]::GetTotalAllocatedBytes($false); try { Import-NeuralNetwork -LiteralPath $path } finally { $script:allocated = [GC]::GetTotalAllocatedBytes($false) - $before }'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'net\.json. is not a valid network file', '\(8,\d{3},\d{3},\d{3} bytes in double precision\)', 'more than the 33,554,432 parameters'; Target = 'net\.json'; Check = '$allocated -lt 200MB' }
        @{ Id = 'F50'; Area = 'Model files and CliXml'; Case = 'a file declaring two hidden layers of 30,000 units (each under the size limit, together over the cap)'
            Run = '$path = New-ModelVariant net.json { param($d) $d.network.hiddenSizes = @(30000, 30000); $d.network.layers[0].units = 30000; $d.network.layers[1].inputs = 30000; $d.network.layers = @($d.network.layers[0], ([pscustomobject]@{ inputs = 30000; units = 30000; activation = "ReLU"; softmaxGroups = $null; weights = @(0.5); bias = @(0.5) }), $d.network.layers[1]) }; $before = [GC]::GetTotalAllocatedBytes($false); try { Import-NeuralNetwork -LiteralPath $path } finally { $script:allocated = [GC]::GetTotalAllocatedBytes($false) - $before }'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'more than the 33,554,432 parameters'; Check = '$allocated -lt 200MB' }
        @{ Id = 'F51'; Area = 'Model files and CliXml'; Case = 'an elapsed time of 1e300 seconds (no TimeSpan overflow)'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.history[0].elapsedSeconds = 1e300 })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'a number from 0 to 900000000000 \(at history\[0\]\.elapsedSeconds\)' }
        @{ Id = 'F52'; Area = 'Model files and CliXml'; Case = 'a class named twice'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.schema.targets[0].classes[2] = $d.schema.targets[0].classes[0] })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = "'setosa' appears twice \(at schema\.targets\[0\]\.classes\[2\]\)" }
        @{ Id = 'F53'; Area = 'Model files and CliXml'; Case = 'a feature named twice'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.schema.features[3].name = "sepal_width" })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = "'sepal_width' is also the name at schema\.features\[1\]\.name \(at schema\.features\[3\]\.name\)" }
        @{ Id = 'F54'; Area = 'Model files and CliXml'; Case = 'a feature scale of 1e-320 (a subnormal: every prediction would be NaN)'
            Run = 'Import-NeuralNetwork -LiteralPath (New-ModelVariant net.json { param($d) $d.schema.features[1].scale = 1e-320 })'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'a scale from 1e-300 to 1e300', 'schema\.features\[1\]\.scale' }
        @{ Id = 'F55'; Area = 'Model files and CliXml'; Case = 'a byte that is not UTF-8 in a class name (no silent U+FFFD)'
            Run = '$text = $IrisJson.Replace("""virginica""", """virgin#ca"""); $bytes = [Text.Encoding]::UTF8.GetBytes($text); $at = [Array]::IndexOf($bytes, [byte][char]"#"); $bytes[$at] = 0xE9; [IO.File]::WriteAllBytes("$PWD/latin1.json", $bytes); Import-NeuralNetwork -LiteralPath ./latin1.json'
            Error = 'ModelFileInvalid'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidData'; Message = 'latin1\.json', '\(0xE9, line \d+, column \d+, in schema\.targets\[0\]\.classes\[2\]\) is not valid UTF-8 text' }
        @{ Id = 'F56'; Area = 'Model files and CliXml'; Case = 'a directory given as -Path and as -LiteralPath'
            Run = 'New-Item -ItemType Directory ./models | Out-Null; try { Import-NeuralNetwork -Path ./models } catch { if ($_.FullyQualifiedErrorId -notmatch "^PathIsDirectory,") { throw } }; Import-NeuralNetwork -LiteralPath ./models'
            Error = 'PathIsDirectory'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidArgument'; Message = "models' is a directory, not a network file", 'Get-ChildItem'; Target = 'models$' }

        # ---------------------------------------------------------------- Writes
        @{ Id = 'W01'; Area = 'Writes'; Case = 'a diagram over a read-only file, by -LiteralPath'
            Run = 'New-TextFile "net[1].svg" "keep" | Out-Null; Set-ItemProperty -LiteralPath ./net[1].svg -Name IsReadOnly -Value $true; $IrisNet | Export-NetworkDiagram -LiteralPath ./net[1].svg'
            Error = 'FileReadOnly'; Cmdlet = 'Export-NetworkDiagram'; Category = 'PermissionDenied'; Message = 'is read-only; use -Force'; Check = '(Get-Content -LiteralPath ./net[1].svg) -eq "keep" -and (Get-FolderContent).Count -eq 1' }
        @{ Id = 'W02'; Area = 'Writes'; Case = '-NoClobber with -Force still keeps an existing file'
            Run = 'New-TextFile h.csv "keep" | Out-Null; $IrisNet | Export-NetworkTrainingHistory -Path ./h.csv -NoClobber -Force'
            Error = 'FileExists'; Cmdlet = 'Export-NetworkTrainingHistory'; Category = 'ResourceExists'; Message = '-NoClobber keeps it'; Check = '(Get-Content ./h.csv) -eq "keep"' }
        @{ Id = 'W03'; Area = 'Writes'; Case = 'a -LiteralPath into a folder that does not exist'
            Run = '$IrisNet | Export-NeuralNetwork -LiteralPath ./no/such/folder/net.json'
            Error = 'FolderNotFound'; Cmdlet = 'Export-NeuralNetwork'; Category = 'ObjectNotFound'; Message = 'folder'; Check = '(Get-FolderContent).Count -eq 0' }
        @{ Id = 'W04'; Area = 'Writes'; Case = 'a history as CSV to a directory'
            Run = 'New-Item -ItemType Directory ./h.csv | Out-Null; $IrisNet | Export-NetworkTrainingHistory -Path ./h.csv -Format Csv'
            Error = 'PathIsDirectory'; Cmdlet = 'Export-NetworkTrainingHistory'; Category = 'InvalidArgument'; Message = 'is a directory'; Check = 'Test-Path ./h.csv -PathType Container' }
        @{ Id = 'W05'; Area = 'Writes'; Case = 'a diagram to a link that points to a FIFO'; Needs = 'Unix'; Seconds = 15
            Run = 'mkfifo ./pipe; ln -s pipe d.svg; $IrisNet | Export-NetworkDiagram -Path ./d.svg'
            Error = 'NotARegularFile'; Cmdlet = 'Export-NetworkDiagram'; Category = 'InvalidArgument'; Message = 'a link to .*pipe.*is a FIFO'; Check = '(ls -l ./pipe)[0] -eq "p" -and (Get-Item ./d.svg -Force).LinkType -eq "SymbolicLink"' }
        @{ Id = 'W06'; Area = 'Writes'; Case = '-WhatIf to a FIFO is refused too (no promise of a write that cannot be done)'; Needs = 'Unix'; Seconds = 15
            Run = 'mkfifo ./n.json; $IrisNet | Export-NeuralNetwork -Path ./n.json -WhatIf'
            Error = 'NotARegularFile'; Cmdlet = 'Export-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'is a FIFO' }
        @{ Id = 'W07'; Area = 'Writes'; Case = 'a path whose folder is a file'
            Run = 'New-TextFile notes.txt "keep" | Out-Null; $IrisNet | Export-NeuralNetwork -Path ./notes.txt/net.json'
            Error = 'FolderNotFound'; Cmdlet = 'Export-NeuralNetwork'; Category = 'ObjectNotFound'; Message = 'notes\.txt'; Check = '(Get-Content ./notes.txt) -eq "keep"' }
        @{ Id = 'W08'; Area = 'Writes'; Case = 'a link that points to itself'; Needs = 'Unix'
            Run = 'ln -s loop.json loop.json; $IrisNet | Export-NeuralNetwork -Path ./loop.json'
            Error = 'LinkNotFollowed'; Cmdlet = 'Export-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'loop\.json'; Check = '(Get-Item ./loop.json -Force).LinkType -eq "SymbolicLink"' }
        @{ Id = 'W09'; Area = 'Writes'; Case = 'a link into a folder that does not exist'; Needs = 'Unix'
            Run = 'ln -s ./gone/net.json dangling.json; $IrisNet | Export-NeuralNetwork -Path ./dangling.json'
            Error = 'FolderNotFound'; Cmdlet = 'Export-NeuralNetwork'; Category = 'ObjectNotFound'; Message = 'gone' }
        @{ Id = 'W10'; Area = 'Writes'; Case = 'an empty -Path'
            Run = '$IrisNet | Export-NeuralNetwork -Path ""'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Export-NeuralNetwork'; Category = 'InvalidData'; Message = 'Path' }
        @{ Id = 'W11'; Area = 'Writes'; Case = 'a path of another provider (Variable:)'
            Run = '$IrisNet | Export-NeuralNetwork -Path Variable:saved'
            Error = 'NotAFileSystemPath'; Cmdlet = 'Export-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'Variable:saved', 'file system'; Check = '(Get-FolderContent).Count -eq 0' }
        @{ Id = 'W12'; Area = 'Writes'; Case = 'a path of another provider (Env:) for a diagram'
            Run = '$IrisNet | Export-NetworkDiagram -LiteralPath Env:NN_DIAGRAM'
            Error = 'NotAFileSystemPath'; Cmdlet = 'Export-NetworkDiagram'; Category = 'InvalidArgument'; Message = 'Env:NN_DIAGRAM'; Check = '(Get-FolderContent).Count -eq 0 -and -not $env:NN_DIAGRAM' }
        @{ Id = 'W13'; Area = 'Writes'; Case = 'Import-NeuralNetwork from another provider (Variable:)'
            Run = 'Import-NeuralNetwork -LiteralPath Variable:IrisJson'
            Error = 'NotAFileSystemPath'; Cmdlet = 'Import-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'Variable:IrisJson' }
        @{ Id = 'W14'; Area = 'Writes'; Case = 'an ONNX model written where nothing can be created'; Needs = 'Linux'
            Run = '$IrisNet | Export-NeuralNetwork -Path /proc/nn-battery.onnx'
            Error = 'WriteFailed'; Cmdlet = 'Export-NeuralNetwork'; Category = 'WriteError'; Message = "^'/proc/nn-battery\.onnx' was not written" }
        @{ Id = 'W15'; Area = 'Writes'; Case = 'an ONNX export whose column clashes with an output name'
            Run = '$r = $Iris | Select-Object sepal_length, @{ n = "species_probabilities"; e = { $_.petal_width } }, species; $n = New-NeuralNetwork -HiddenLayers 2 -Seed 1; $r | Invoke-NetworkTraining -Network $n -Target species -Epochs 1 | Out-Null; $n | Export-NeuralNetwork -Path ./clash.onnx'
            Error = 'OnnxNameClash'; Cmdlet = 'Export-NeuralNetwork'; Category = 'InvalidOperation'; Message = 'species_probabilities'; Check = '-not (Test-Path ./clash.onnx)' }
        @{ Id = 'W16'; Area = 'Writes'; Case = '-WhatIf over a read-only file is refused too'
            Run = 'New-TextFile ro.json "keep" | Out-Null; Set-ItemProperty ./ro.json -Name IsReadOnly -Value $true; $IrisNet | Export-NeuralNetwork -Path ./ro.json -WhatIf'
            Error = 'FileReadOnly'; Cmdlet = 'Export-NeuralNetwork'; Category = 'PermissionDenied'; Message = '-Force' }
        @{ Id = 'W17'; Area = 'Writes'; Case = 'a file in a folder nobody may write'; Needs = 'NotRoot'
            Run = 'New-Item -ItemType Directory ./locked | Out-Null; chmod 555 ./locked; try { $IrisNet | Export-NeuralNetwork -Path ./locked/net.json } finally { chmod 755 ./locked }'
            Error = 'WriteFailed'; Cmdlet = 'Export-NeuralNetwork'; Category = 'WriteError'; Message = 'locked/net\.json' }
        @{ Id = 'W18'; Area = 'Writes'; Case = 'a title with markup and control characters still makes well-formed SVG'
            Run = '$IrisNet | Export-NetworkTrainingHistory -Path ./h.svg -Title "<b>Loss</b> & ""more"" `0`a"; $IrisNet | Export-NetworkDiagram -Path ./d.svg -Title "</svg><x> & `b"'
            Expect = 'Success'; Check = '$null = [xml](Get-Content ./h.svg -Raw); $null = [xml](Get-Content ./d.svg -Raw); $true' }
        @{ Id = 'W19'; Area = 'Writes'; Case = 'a file name too long for the file system'
            Run = '$IrisNet | Export-NeuralNetwork -Path ("./" + ("n" * 300) + ".json")'
            Error = 'WriteFailed'; Cmdlet = 'Export-NeuralNetwork'; Category = 'WriteError'; Message = 'n{300}\.json. cannot be written', 'File name too long'; Check = '(Get-FolderContent).Count -eq 0' }
        @{ Id = 'W20'; Area = 'Writes'; Case = 'an ONNX model to a directory'
            Run = 'New-Item -ItemType Directory ./m.onnx | Out-Null; $IrisNet | Export-NeuralNetwork -Path ./m.onnx'
            Error = 'PathIsDirectory'; Cmdlet = 'Export-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'is a directory' }
        @{ Id = 'W21'; Area = 'Writes'; Case = 'a path with wildcard characters is written as named'
            Run = '$IrisNet | Export-NeuralNetwork -LiteralPath ./net[1].json; $IrisNet | Export-NetworkTrainingHistory -LiteralPath ./h*.csv'
            Expect = 'Success'; Check = '(Test-Path -LiteralPath ./net[1].json) -and (Test-Path -LiteralPath ./h*.csv) -and (Get-FolderContent).Count -eq 2' }
        @{ Id = 'W22'; Area = 'Writes'; Case = 'a history of a network never trained is a chart without points, not an error'
            Run = 'New-NeuralNetwork -HiddenLayers 3 | Export-NetworkTrainingHistory -Path ./h.svg -PassThru | Select-Object Name'
            Expect = 'Success'; Message = 'h\.svg'; Check = '$null = [xml](Get-Content ./h.svg -Raw); $true' }
        @{ Id = 'W23'; Area = 'Writes'; Case = 'a history written under a culture with decimal commas still has invariant numbers'
            Run = '$culture = [cultureinfo]::CurrentCulture; try { [cultureinfo]::CurrentCulture = "de-DE"; $IrisNet | Export-NetworkTrainingHistory -Path ./h.csv } finally { [cultureinfo]::CurrentCulture = $culture }'
            Expect = 'Success'; Check = '$row = (Import-Csv ./h.csv)[0]; [double]::Parse($row.Loss, [cultureinfo]::InvariantCulture) -gt 0 -and $row.Loss -notmatch ","' }
        @{ Id = 'W24'; Area = 'Writes'; Case = 'an export to a hidden temporary name of its own is written'
            Run = '$IrisNet | Export-NeuralNetwork -Path ./.net.json.0123abcd.tmp'
            Expect = 'Success'; Check = '(Import-NeuralNetwork -LiteralPath ./.net.json.0123abcd.tmp).Target -eq "species"' }
        @{ Id = 'W25'; Area = 'Writes'; Case = 'a read-only history with -Force is replaced and stays read-only'
            Run = 'New-TextFile h.csv "old" | Out-Null; Set-ItemProperty ./h.csv -Name IsReadOnly -Value $true; $IrisNet | Export-NetworkTrainingHistory -Path ./h.csv -Force'
            Expect = 'Success'; Check = '(Get-Content ./h.csv -First 1) -match "Epoch" -and (Get-Item ./h.csv).IsReadOnly' }
        @{ Id = 'W26'; Area = 'Writes'; Case = '-PassThru with -WhatIf returns nothing and writes nothing'
            Run = '$IrisNet | Export-NetworkDiagram -Path ./d.svg -WhatIf -PassThru'
            Expect = 'Success'; Check = '(Get-FolderContent).Count -eq 0' }

        @{ Id = 'W27'; Area = 'Writes'; Case = 'a path holding a NUL character'
            Run = '$IrisNet | Export-NeuralNetwork -Path "net`0.json"'
            Error = 'InvalidPath'; Cmdlet = 'Export-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'U\+0000 at position 4', 'no file path may hold'; Check = '(Get-FolderContent).Count -eq 0' }
        @{ Id = 'W28'; Area = 'Writes'; Case = 'a CSV -Path or a network file holding a NUL character'
            Run = 'try { Import-NeuralNetwork -LiteralPath "n`0.json" } catch { if ($_.FullyQualifiedErrorId -notmatch "^InvalidPath,") { throw } }; Test-NeuralNetwork -Network $IrisNet -Path "t`0.csv"'
            Error = 'InvalidPath'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'U\+0000' }

        @{ Id = 'W29'; Area = 'Writes'; Case = 'an export to a link replaces the file it points to and keeps the link'; Needs = 'Unix'
            Run = 'New-TextFile real.json "old" | Out-Null; New-Item -ItemType SymbolicLink -Path ./link.json -Target "$PWD/real.json" | Out-Null; $IrisNet | Export-NeuralNetwork -Path ./link.json -Force'
            Expect = 'Success'; Check = '(Get-Item ./link.json).LinkType -eq "SymbolicLink" -and (Import-NeuralNetwork ./real.json).Target -eq "species" -and (Get-FolderContent).Count -eq 2' }
        @{ Id = 'W30'; Area = 'Writes'; Case = 'a history exported over a 0600 file stays 0600'; Needs = 'Unix'
            Run = 'New-TextFile h.csv "old" | Out-Null; [IO.File]::SetUnixFileMode("$PWD/h.csv", [IO.UnixFileMode]"UserRead, UserWrite"); $IrisNet | Export-NetworkTrainingHistory -Path ./h.csv -Force'
            Expect = 'Success'; Check = '[IO.File]::GetUnixFileMode("$PWD/h.csv") -eq [IO.UnixFileMode]"UserRead, UserWrite" -and (Get-Content ./h.csv -First 1) -match "Epoch"' }
        @{ Id = 'W31'; Area = 'Writes'; Case = 'a device node (a copy of /dev/null) is refused and stays a device'; Needs = 'Root'
            Run = 'mknod ./null c 1 3; $IrisNet | Export-NeuralNetwork -Path ./null -Force'
            Error = 'NotARegularFile'; Cmdlet = 'Export-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'null', 'character device'; Check = '(ls -ld ./null)[0] -eq "c" -and (Get-FolderContent).Count -eq 1' }
        @{ Id = 'W32'; Area = 'Writes'; Case = 'a history over a read-only file without -Force is refused, as a network is'
            Run = 'New-TextFile h.csv "keep" | Out-Null; Set-ItemProperty ./h.csv -Name IsReadOnly -Value $true; $IrisNet | Export-NetworkTrainingHistory -Path ./h.csv'
            Error = 'FileReadOnly'; Cmdlet = 'Export-NetworkTrainingHistory'; Category = 'PermissionDenied'; Message = 'h\.csv', 'is read-only; use -Force'; Check = '(Get-Content ./h.csv) -eq "keep" -and (Get-FolderContent).Count -eq 1' }
        @{ Id = 'W33'; Area = 'Writes'; Case = 'a stale temporary file a killed export left is removed by the next export, a fresh one is kept'
            Run = '$IrisNet | Export-NeuralNetwork -Path ./n.json; $stale = New-TextFile .n.json.0a1b2c3d.tmp "{"; (Get-Item -Force $stale).LastWriteTimeUtc = [datetime]::UtcNow.AddHours(-2); New-TextFile .n.json.4e5f6a7b.tmp "{" | Out-Null; $IrisNet | Export-NeuralNetwork -Path ./n.json -Force'
            Expect = 'Success'; Check = '((Get-FolderContent) -join ",") -eq ".n.json.4e5f6a7b.tmp,n.json"' }

        # ---------------------------------------------------------------- CSV and pipeline input
        @{ Id = 'C01'; Area = 'CSV and pipeline input'; Case = 'an empty CSV file'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile e.csv "") -Target y'
            Error = 'CsvNoHeader'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = 'e\.csv. has no header row' }
        @{ Id = 'C02'; Area = 'CSV and pipeline input'; Case = 'a CSV file with a header and no rows'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile h.csv "x,y`n") -Target y'
            Error = 'NoRows'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = '^No rows to train on' }
        @{ Id = 'C03'; Area = 'CSV and pipeline input'; Case = 'an unbalanced quote in the last row'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile q.csv "x,y`n1,a`n2,b`n3,`"c`n") -Target y'
            Error = 'CsvMalformed'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = 'q\.csv', 'data row 3' }
        @{ Id = 'C04'; Area = 'CSV and pipeline input'; Case = 'text after a closing quote, in prediction'
            Run = 'Get-NetworkPrediction -Network $ColorNet -Path (New-TextFile q.csv "color,x`n`"red`"x,1`n")'
            Error = 'CsvMalformed'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = 'q\.csv', 'data row 1' }
        @{ Id = 'C05'; Area = 'CSV and pipeline input'; Case = 'a quoted field never closed, 10 MB long'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile big.csv ("x,y`n1,`"" + ("a" * 10MB))) -Target y'
            Error = 'CsvMalformed'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = 'big\.csv', 'data row 1', 'a quote is never closed' }
        @{ Id = 'C06'; Area = 'CSV and pipeline input'; Case = 'a row with more fields than the header: the extra fields are left out, as Import-Csv leaves them'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile w.csv "x,y`n1,2`n3,4,5`n6,7") -Target y -Epochs 1 | Select-Object -ExpandProperty Feature'
            Expect = 'Success'; Message = '^x\s*$' }
        @{ Id = 'C07'; Area = 'CSV and pipeline input'; Case = 'a row with fewer fields than the header'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile s.csv "x,z,y`n1,2,3`n4,5`n6,7,8") -Target y'
            Error = 'MissingValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = 'Row 2', "'y'" }
        @{ Id = 'C08'; Area = 'CSV and pipeline input'; Case = 'a header naming a column twice (x,x)'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile d.csv "x,x,y`n1,2,a`n3,4,b") -Target y'
            Error = 'CsvDuplicateHeader'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "'x' \(column 1\) and 'x' \(column 2\)" }
        @{ Id = 'C09'; Area = 'CSV and pipeline input'; Case = 'a header with an empty column name'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile n.csv "x,,y`n1,2,a`n3,4,b") -Target y'
            Error = 'CsvEmptyHeader'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = 'n\.csv. has no name for column 2 of the 3', 'Name every column' }
        @{ Id = 'C10'; Area = 'CSV and pipeline input'; Case = 'a UTF-8 byte order mark before the header'
            Run = '[IO.File]::WriteAllText("$PWD/bom.csv", "x,y`n1,2`n2,4`n3,6", [Text.UTF8Encoding]::new($true)); Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3 -Seed 1) -Path ./bom.csv -Target y -Epochs 1 | Select-Object -ExpandProperty Feature'
            Expect = 'Success'; Message = '^x\s*$' }
        @{ Id = 'C11'; Area = 'CSV and pipeline input'; Case = 'a stray word in a numeric file column'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile n.csv "x,y`n1,1`n2,2`nthree,3`n4,4") -Target y'
            Error = 'NonNumericValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 3, property 'x' is 'three'", '-Categorical x' }
        @{ Id = 'C12'; Area = 'CSV and pipeline input'; Case = 'NaN in a numeric file column'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile n.csv "x,y`n1,1`nNaN,2`n3,3") -Target y'
            Error = 'NonFiniteValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 2, property 'x'", 'finite' }
        @{ Id = 'C13'; Area = 'CSV and pipeline input'; Case = 'a number too large for a double (1e400) in a file'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile n.csv "x,y`n1,1`n2,1e400`n3,3") -Target y'
            Error = 'NonFiniteValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 2, property 'y'|^Row 2, target 'y'", 'finite' }
        @{ Id = 'C14'; Area = 'CSV and pipeline input'; Case = 'a decimal comma among decimal points'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile n.csv "x;y`n1.5;1`n2,5;2`n3.5;3") -Target y -Delimiter ";"'
            Error = 'NonNumericValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 2, property 'x' is '2,5'", "'\.' as the decimal separator" }
        @{ Id = 'C15'; Area = 'CSV and pipeline input'; Case = 'a gzip file given as CSV'
            Run = '$bytes = [byte[]](0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3) + [byte[]](1..200 | ForEach-Object { $_ * 7 % 256 }); [IO.File]::WriteAllBytes("$PWD/data.csv", $bytes); Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path ./data.csv -Target y'
            Error = 'CsvNotText'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = 'data\.csv', 'not text' }
        @{ Id = 'C16'; Area = 'CSV and pipeline input'; Case = 'a UTF-16 file with a byte order mark'
            Run = 'Set-Content ./u.csv "x,y`n1,2`n2,4`n3,6" -Encoding unicode; Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3 -Seed 1) -Path ./u.csv -Target y -Epochs 1 | Select-Object -ExpandProperty Feature'
            Expect = 'Success'; Message = '^x\s*$' }
        @{ Id = 'C17'; Area = 'CSV and pipeline input'; Case = 'a target column empty in every row'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile n.csv "x,y`n1,`n2,`n3,") -Target y'
            Error = 'MissingValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "'y'" }
        @{ Id = 'C18'; Area = 'CSV and pipeline input'; Case = 'two files, the second without a column of the first'
            Run = 'New-TextFile a.csv "x,z,y`n1,2,3`n4,5,6" | Out-Null; New-TextFile b.csv "x,y`n7,8" | Out-Null; Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path ./a.csv, ./b.csv -Target y'
            Error = 'MissingValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = 'Row 3', "'z'" }
        @{ Id = 'C19'; Area = 'CSV and pipeline input'; Case = 'a wildcard that matches no file'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path ./train-*.csv -Target y'
            Error = 'FileNotFound'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'ObjectNotFound'; Message = 'No file matches', 'train-\*\.csv' }
        @{ Id = 'C20'; Area = 'CSV and pipeline input'; Case = 'a FIFO given as -Path (no hang)'; Needs = 'Unix'; Seconds = 15
            Run = 'mkfifo ./pipe.csv; Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path ./pipe.csv -Target y'
            Error = 'NotARegularFile'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = 'pipe\.csv', 'FIFO' }
        @{ Id = 'C21'; Area = 'CSV and pipeline input'; Case = '/dev/zero given to Test-NeuralNetwork -Path (no endless read)'; Needs = 'Linux'; Seconds = 15
            Run = 'Test-NeuralNetwork -Network $IrisNet -Path /dev/zero'
            Error = 'NotARegularFile'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidArgument'; Message = '/dev/zero', 'character device' }
        @{ Id = 'C22'; Area = 'CSV and pipeline input'; Case = 'a row property holding an object, not a value'
            Run = '$r = @(1..5 | ForEach-Object { [pscustomobject]@{ c = "red"; y = $_ } }); $r[3].c = [pscustomobject]@{ a = 1 }; $r | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y'
            Error = 'NonScalarValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 4, property 'c' holds a", 'Flatten the rows' }
        @{ Id = 'C23'; Area = 'CSV and pipeline input'; Case = 'a prediction row holding an array'
            Run = '$r = Copy-Iris 3; $r[2].petal_width = @(1, 2); $r | Get-NetworkPrediction -Network $IrisNet'
            Error = 'NonScalarValue'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "^Row 3, property 'petal_width'" }
        @{ Id = 'C24'; Area = 'CSV and pipeline input'; Case = 'a test row holding a hashtable'
            Run = '$r = Copy-Iris 2; $r[0].sepal_length = @{ cm = 5 }; $r | Test-NeuralNetwork -Network $IrisNet'
            Error = 'NonScalarValue'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidData'; Message = "^Row 1, property 'sepal_length'" }
        @{ Id = 'C25'; Area = 'CSV and pipeline input'; Case = 'a category value that is an object, in prediction'
            Run = '[pscustomobject]@{ color = [pscustomobject]@{ name = "red" }; x = 1 } | Get-NetworkPrediction -Network $ColorNet'
            Error = 'NonScalarValue'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "^Row 1, property 'color'" }
        @{ Id = 'C26'; Area = 'CSV and pipeline input'; Case = 'strings piped into training'
            Run = '"a", "b", "c" | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y'
            Error = 'TargetNotFound'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = 'Length' }
        @{ Id = 'C27'; Area = 'CSV and pipeline input'; Case = 'a second row without a property the first has'
            Run = '@([pscustomobject]@{ a = 1; b = 2; y = 3 }, [pscustomobject]@{ a = 4; y = 6 }) | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y'
            Error = 'MissingValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 2 has no property 'b'", '-MissingValue Skip or Mean' }
        @{ Id = 'C28'; Area = 'CSV and pipeline input'; Case = 'hashtable rows, one without a key'
            Run = '@(@{ a = 1; y = 1 }, @{ a = 2; y = 0 }, @{ y = 1 }) | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y'
            Error = 'MissingValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 3 has no property 'a'" }
        @{ Id = 'C29'; Area = 'CSV and pipeline input'; Case = 'NaN in a pipeline row'
            Run = '$r = @($Rows | Select-Object *); $r[1].a = [double]::NaN; $r | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y'
            Error = 'NonFiniteValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 2, property 'a' is 'NaN'"; Target = 'a=NaN' }
        @{ Id = 'C30'; Area = 'CSV and pipeline input'; Case = 'infinity in a row to predict'
            Run = '$r = Copy-Iris 2; $r[1].sepal_width = [double]::PositiveInfinity; $r | Get-NetworkPrediction -Network $IrisNet'
            Error = 'NonFiniteValue'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "^Row 2, property 'sepal_width'" }
        @{ Id = 'C31'; Area = 'CSV and pipeline input'; Case = '-Feature names a column the rows do not have'
            Run = '$Iris | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species -Feature sepal_length, petal_size'
            Error = 'PropertyNotFound'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = "-Feature names 'petal_size'", 'sepal_width' }
        @{ Id = 'C32'; Area = 'CSV and pipeline input'; Case = '-Feature includes the target'
            Run = '$Iris | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species -Feature sepal_length, species'
            Error = 'FeatureIsTarget'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = "'species' is both a feature and a target" }
        @{ Id = 'C33'; Area = 'CSV and pipeline input'; Case = '-Categorical names a column the rows do not have'
            Run = '$Iris | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species -Categorical colour'
            Error = 'PropertyNotFound'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = "-Categorical names 'colour'" }
        @{ Id = 'C34'; Area = 'CSV and pipeline input'; Case = '-Target naming one column twice'
            Run = '$Iris | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species, Species'
            Error = 'DuplicateColumn'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = '-Target names the same column twice' }
        @{ Id = 'C35'; Area = 'CSV and pipeline input'; Case = 'targets that mix labels and numbers'
            Run = '$Iris | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species, petal_width'
            Error = 'UnsupportedTargetMix'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = 'mix class labels and numbers' }
        @{ Id = 'C36'; Area = 'CSV and pipeline input'; Case = '-Task Regression on a text target'
            Run = '$Iris | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species -Task Regression'
            Error = 'NonNumericTarget'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "target 'species'" }
        @{ Id = 'C37'; Area = 'CSV and pipeline input'; Case = 'a regression target with a stray word'
            Run = '$r = @($Rows | Select-Object *); $r[4].y = "many"; $r | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -Task Regression'
            Error = 'NonNumericValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 5, property 'y' is 'many', which is not a number, though 39 other values of this regression target are numbers", 'decimal separator\)\.$' }
        @{ Id = 'C56'; Area = 'CSV and pipeline input'; Case = 'a stray word among whole-number class codes of a target'
            Run = '$r = @(1..12 | ForEach-Object { [pscustomobject]@{ a = $_; y = $_ % 3 } }); $r[8].y = "two"; $r | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y'
            Error = 'NonNumericValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 9, property 'y' is 'two'", '-Task Classification' }
        @{ Id = 'C38'; Area = 'CSV and pipeline input'; Case = 'a cell of spaces only'
            Run = '$r = @($Rows | Select-Object *); $r[6].b = "   "; $r | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y'
            Error = 'MissingValue'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 7, property 'b' is empty" }
        @{ Id = 'C39'; Area = 'CSV and pipeline input'; Case = 'one row of a regression: finite predictions, no NaN'
            Run = '$n = New-NeuralNetwork -HiddenLayers 3 -Seed 1; [pscustomobject]@{ a = 1; y = 2.5 } | Invoke-NetworkTraining -Network $n -Target y -Epochs 3 | Out-Null; [pscustomobject]@{ a = 7 } | Get-NetworkPrediction -Network $n'
            Expect = 'Success'; Message = 'Prediction' }
        @{ Id = 'C40'; Area = 'CSV and pipeline input'; Case = 'a feature that never changes: finite predictions'
            Run = '$n = New-NeuralNetwork -HiddenLayers 3 -Seed 1; $r = 1..20 | ForEach-Object { [pscustomobject]@{ a = 5; b = $_; y = $_ * 0.5 } }; $r | Invoke-NetworkTraining -Network $n -Target y -Epochs 3 | Out-Null; [pscustomobject]@{ a = 6; b = 3 } | Get-NetworkPrediction -Network $n; $r | Test-NeuralNetwork -Network $n | Select-Object RSquared'
            Expect = 'Success'; Message = 'Prediction' }
        @{ Id = 'C41'; Area = 'CSV and pipeline input'; Case = 'numbers near the largest double: no silent NaN'
            Run = '$n = New-NeuralNetwork -HiddenLayers 3 -Seed 1; $r = 1..10 | ForEach-Object { [pscustomobject]@{ a = $_ * 1e307; y = $_ % 2 } }; $r | Invoke-NetworkTraining -Network $n -Target y -Epochs 2 | Out-Null; $r | Get-NetworkPrediction -Network $n | Select-Object Prediction, Probability'
            Error = 'UnscalableValues'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Property 'a' has values from 1E\+307 to 1E\+308", 'Rescale it' }
        @{ Id = 'C42'; Area = 'CSV and pipeline input'; Case = 'a validation split of 0.99 on four rows keeps one row to train on, and warns that three cannot judge epochs'
            Run = '$Tutorial | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -ValidationSplit 0.99 -Epochs 2 | Out-Null'
            Expect = 'Warning'; Message = 'only 3 rows, too few to judge epochs by' }
        @{ Id = 'C43'; Area = 'CSV and pipeline input'; Case = '-ValidationData rows without a feature'
            Run = '$Iris | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species -Epochs 1 -ValidationData (Copy-Iris 5 | Select-Object sepal_length, species)'
            Error = 'FeatureNotFound'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "'sepal_width'" }
        @{ Id = 'C44'; Area = 'CSV and pipeline input'; Case = '-ValidationData with a class the training rows lack'
            Run = '$v = Copy-Iris 2; $v[0].species = "iris-nova"; $Iris | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target species -Epochs 1 -ValidationData $v'
            Error = 'UnknownClass'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "'iris-nova'" }
        @{ Id = 'C45'; Area = 'CSV and pipeline input'; Case = 'predicting a file that lacks a feature column'
            Run = 'Copy-Iris 3 | Select-Object sepal_length, sepal_width, petal_length | Export-Csv ./new.csv; Get-NetworkPrediction -Network $IrisNet -Path ./new.csv'
            Error = 'FeatureNotFound'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "'petal_width'"; Target = 'new\.csv' }
        @{ Id = 'C46'; Area = 'CSV and pipeline input'; Case = 'testing a file with an unknown category'
            Run = 'New-TextFile t.csv "color,x,label`nred,1,a`nmauve,2,b" | Out-Null; Test-NeuralNetwork -Network $ColorNet -Path ./t.csv'
            Error = 'UnknownCategory'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidData'; Message = "^Row 2, property 'color' is 'mauve'"; Target = 't\.csv' }
        @{ Id = 'C47'; Area = 'CSV and pipeline input'; Case = 'a $null among the piped rows is left out'
            Run = '@(Copy-Iris 2) + $null + @(Copy-Iris 1) | Get-NetworkPrediction -Network $IrisNet | Measure-Object | ForEach-Object { "predicted: $($_.Count)" }'
            Expect = 'Success'; Message = 'predicted: 3' }
        @{ Id = 'C48'; Area = 'CSV and pipeline input'; Case = 'header names that differ by case in a file (x,X)'
            Run = 'Get-NetworkPrediction -Network $IrisNet -Path (New-TextFile c.csv "sepal_length,SEPAL_LENGTH,sepal_width,petal_length,petal_width`n1,2,3,4,5")'
            Error = 'CsvDuplicateHeader'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "'sepal_length' \(column 1\) and 'SEPAL_LENGTH' \(column 2\)" }
        @{ Id = 'C49'; Area = 'CSV and pipeline input'; Case = 'a numeric column with a stray word in prediction'
            Run = '$r = Copy-Iris 4; $r[3].petal_length = "long"; $r | Get-NetworkPrediction -Network $IrisNet'
            Error = 'NonNumericValue'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "^Row 4, property 'petal_length' is 'long'"; Target = 'petal_length=long' }
        @{ Id = 'C50'; Area = 'CSV and pipeline input'; Case = 'a directory given as -Path to an experiment'
            Run = 'Invoke-NetworkExperiment -Path . -Target y -ParameterGrid @{ HiddenLayers = 2 }'
            Error = 'CsvPathIsDirectory'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidArgument'; Message = 'is a directory' }
        @{ Id = 'C51'; Area = 'CSV and pipeline input'; Case = 'a gradient on rows with a stray word'
            Run = '$r = Copy-Iris 5; $r[2].sepal_width = "wide"; $r | Get-NetworkGradient -Network $IrisNet'
            Error = 'NonNumericValue'; Cmdlet = 'Get-NetworkGradient'; Category = 'InvalidData'; Message = "^Row 3, property 'sepal_width' is 'wide'"; Target = 'sepal_width=wide' }

        @{ Id = 'C52'; Area = 'CSV and pipeline input'; Case = 'a path of another provider (Variable:) as a CSV -Path'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path Variable:IrisJson -Target y'
            Error = 'NotAFileSystemPath'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = 'Variable:IrisJson', 'file system' }
        @{ Id = 'C53'; Area = 'CSV and pipeline input'; Case = 'a header ending in a delimiter (an unnamed last column)'
            Run = 'Test-NeuralNetwork -Network $RegNet -Path (New-TextFile t.csv "sepal_length,sepal_width,petal_length,species,petal_width,`n1,2,3,setosa,0.2,")'
            Error = 'CsvEmptyHeader'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidData'; Message = 'no name for column 6 of the 6', 'a delimiter at the end of the line' }
        @{ Id = 'C54'; Area = 'CSV and pipeline input'; Case = 'tab completion of -Target from a FIFO given as -Path offers nothing, at once'; Needs = 'Unix'; Seconds = 15
            Run = 'mkfifo ./pipe.csv; $line = "Invoke-NetworkTraining -Path ./pipe.csv -Target "; $c = TabExpansion2 -inputScript $line -cursorColumn $line.Length; "completions: $($c.CompletionMatches.Count)"'
            Expect = 'Success'; Message = 'completions: 0' }
        @{ Id = 'C55'; Area = 'CSV and pipeline input'; Case = 'a UTF-16 file without a byte order mark'
            Run = '[IO.File]::WriteAllText("$PWD/u.csv", "x,y`n1,2`n2,4", [Text.UnicodeEncoding]::new($false, $false)); Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path ./u.csv -Target y'
            Error = 'CsvNotText'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = 'u\.csv', 'U\+0000', 'saved as UTF-8' }

        @{ Id = 'C57'; Area = 'CSV and pipeline input'; Case = 'a row holding an array, for a network trained on matrices'
            Run = '[pscustomobject]@{ a = 1; b = @(1, 2); c = 0 } | Get-NetworkPrediction -Network $MatrixNet'
            Error = 'NonScalarValue'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "^Row 1, property 'b' holds a" }
        @{ Id = 'C58'; Area = 'CSV and pipeline input'; Case = 'a hashtable row (keys without order) for a network trained on matrices'
            Run = '@{ x1 = 0; x2 = 1; x3 = 1 } | Get-NetworkPrediction -Network $MatrixNet'
            Error = 'UnorderedRow'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = '^Row 1 is a hashtable', '\[ordered\]' }
        @{ Id = 'C59'; Area = 'CSV and pipeline input'; Case = 'an ordered hashtable row for a network trained on matrices is read in order'
            Run = '$a = [ordered]@{ x1 = 1; x2 = 0; x3 = 1 } | Get-NetworkPrediction -Network $MatrixNet; $b = Get-NetworkPrediction -Network $MatrixNet -FeatureMatrix (, [double[]](1, 0, 1)); "same: $($a.Prediction -eq $b.Prediction)"'
            Expect = 'Success'; Message = 'same: True' }
        @{ Id = 'C60'; Area = 'CSV and pipeline input'; Case = 'an empty cell for a network trained on matrices'
            Run = '[pscustomobject]@{ x1 = 1; x2 = ""; x3 = 1 } | Get-NetworkPrediction -Network $MatrixNet'
            Error = 'MissingValue'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "^Row 1, property 'x2' is empty", 'needs a number for every input' }
        @{ Id = 'C61'; Area = 'CSV and pipeline input'; Case = 'an infinity for a network trained on matrices'
            Run = '[pscustomobject]@{ x1 = 1; x2 = [double]::NegativeInfinity; x3 = 1 } | Get-NetworkPrediction -Network $MatrixNet'
            Error = 'NonFiniteValue'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "^Row 1, property 'x2' is '-Infinity'; values must be finite" }

        @{ Id = 'C62'; Area = 'CSV and pipeline input'; Case = 'a training row whose property throws when read (a ScriptProperty) is named, not read as empty'
            Run = '$r = @($Rows | Select-Object *); $r[2] = [pscustomobject]@{ b = 1; y = 6 } | Add-Member ScriptProperty a { throw "the sensor is offline" } -PassThru; $r | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -Feature a, b'
            Error = 'PropertyNotReadable'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = "^Row 3, property 'a' could not be read: the sensor is offline\. Fix the property" }
        @{ Id = 'C63'; Area = 'CSV and pipeline input'; Case = 'a row to predict whose property throws when read'
            Run = '$row = Copy-Iris 1 | Add-Member ScriptProperty petal_size { throw "boom" } -PassThru; $row.PSObject.Properties.Remove("petal_length"); $row | Add-Member ScriptProperty petal_length { throw "boom" }; $row | Get-NetworkPrediction -Network $IrisNet'
            Error = 'PropertyNotReadable'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "^Row 1, property 'petal_length' could not be read: boom\." }
        @{ Id = 'C64'; Area = 'CSV and pipeline input'; Case = 'a number too large for a double (1e5000) in a file to predict'
            Run = 'Copy-Iris 3 | Export-Csv ./p.csv; (Get-Content ./p.csv) -replace "^""5\.1""", """1e5000""" | Set-Content ./p.csv; Get-NetworkPrediction -Network $IrisNet -Path ./p.csv'
            Error = 'NonFiniteValue'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "^Row 1, property 'sepal_length' is 'Infinity' \(written as such, or as a number too large for a double, such as 1e400\)" }
        @{ Id = 'C65'; Area = 'CSV and pipeline input'; Case = 'a number too large for a double as text in a pipeline row'
            Run = '$r = Copy-Iris 3; $r[1].sepal_width = "1e400"; $r | Get-NetworkPrediction -Network $IrisNet'
            Error = 'NonFiniteValue'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = "^Row 2, property 'sepal_width' is '1e400', a number too large for a double \(the largest is about 1\.8E\+308\)" }

        # ---------------------------------------------------------------- Parameters
        @{ Id = 'P01'; Area = 'Parameters'; Case = '-HiddenLayers 0'
            Run = 'New-NeuralNetwork -HiddenLayers 0'
            Error = 'InvalidLayerSize'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'size 0', 'between 1 and 1000000' }
        @{ Id = 'P02'; Area = 'Parameters'; Case = '-HiddenLayers -5'
            Run = 'New-NeuralNetwork -HiddenLayers 8, -5'
            Error = 'InvalidLayerSize'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'Layer 3 \(hidden\) has size -5' }
        @{ Id = 'P03'; Area = 'Parameters'; Case = '-LayerSizes with one size'
            Run = 'New-NeuralNetwork -LayerSizes 3'
            Error = 'TooFewLayerSizes'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'input' }
        @{ Id = 'P04'; Area = 'Parameters'; Case = '-LayerSizes with a zero'
            Run = 'New-NeuralNetwork -LayerSizes 3, 0, 1'
            Error = 'InvalidLayerSize'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'Layer 2 \(hidden\) has size 0' }
        @{ Id = 'P05'; Area = 'Parameters'; Case = '-InitialWeights with -HiddenLayers'
            Run = 'New-NeuralNetwork -HiddenLayers 4 -InitialWeights (, (, [double[]](1)))'
            Error = 'AmbiguousParameterSet'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'Parameter set cannot be resolved' }
        @{ Id = 'P06'; Area = 'Parameters'; Case = '-InitialWeights of the wrong shape'
            Run = 'New-NeuralNetwork -LayerSizes 3, 4, 1 -InitialWeights ([double[][]]@((1, 2, 3, 4), (1, 2, 3, 4))), ([double[][]]@((, 1), (, 1), (, 1), (, 1)))'
            Error = 'InitialWeightsShapeMismatch'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'layer 1 must be 3 × 4', 'has 2 rows' }
        @{ Id = 'P07'; Area = 'Parameters'; Case = '-InitialWeights holding NaN'
            Run = 'New-NeuralNetwork -LayerSizes 1, 1 -InitialWeights (, (, [double[]]([double]::NaN)))'
            Error = 'InitialWeightsNotFinite'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'finite' }
        @{ Id = 'P08'; Area = 'Parameters'; Case = '-InitialBiases with -NoBias'
            Run = 'New-NeuralNetwork -LayerSizes 1, 1 -NoBias -InitialWeights (, (, [double[]](1))) -InitialBiases (, [double[]](1))'
            Error = 'InitialBiasesWithoutBias'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = '-NoBias' }
        @{ Id = 'P09'; Area = 'Parameters'; Case = '-InitialBiases of the wrong length'
            Run = 'New-NeuralNetwork -LayerSizes 1, 2 -InitialWeights (, (, [double[]](1, 2))) -InitialBiases (, [double[]](1, 2, 3))'
            Error = 'InitialBiasesShapeMismatch'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'must have 2 values' }
        @{ Id = 'P10'; Area = 'Parameters'; Case = '-Epochs 0'
            Run = '$Rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -Epochs 0'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = '-Epochs must be at least 1' }
        @{ Id = 'P11'; Area = 'Parameters'; Case = '-LearningRate NaN'
            Run = '$Rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -LearningRate ([double]::NaN)'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = '-LearningRate must be' }
        @{ Id = 'P12'; Area = 'Parameters'; Case = '-LearningRate infinity'
            Run = '$Rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -LearningRate ([double]::PositiveInfinity)'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = '-LearningRate must be' }
        @{ Id = 'P13'; Area = 'Parameters'; Case = '-L2 -1'
            Run = '$Rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -L2 -1'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = '-L2 must be at least 0' }
        @{ Id = 'P14'; Area = 'Parameters'; Case = '-L2 NaN'
            Run = '$Rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -L2 ([double]::NaN)'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = '-L2 must be' }
        @{ Id = 'P15'; Area = 'Parameters'; Case = '-ValidationSplit NaN'
            Run = '$Rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -ValidationSplit ([double]::NaN)'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = '-ValidationSplit must be' }
        @{ Id = 'P16'; Area = 'Parameters'; Case = '-Patience -1'
            Run = '$Rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -Patience -1'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = '-Patience must be' }
        @{ Id = 'P17'; Area = 'Parameters'; Case = '-ScheduleFactor 0'
            Run = '$Rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -LearningRateSchedule Step -ScheduleFactor 0'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = '-ScheduleFactor must be' }
        @{ Id = 'P18'; Area = 'Parameters'; Case = '-ScheduleStep 0'
            Run = '$Rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -LearningRateSchedule Step -ScheduleStep 0'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = '-ScheduleStep must be at least 1' }
        @{ Id = 'P19'; Area = 'Parameters'; Case = '-MinDelta -1'
            Run = '$Rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -MinDelta -1'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = '-MinDelta must be at least 0' }
        @{ Id = 'P20'; Area = 'Parameters'; Case = 'BinaryCrossEntropy for three classes trains one sigmoid per class'
            Run = '$n = New-NeuralNetwork -HiddenLayers 3 -Seed 1; $Iris | Invoke-NetworkTraining -Network $n -Target species -Loss BinaryCrossEntropy -Epochs 2 | Out-Null; $Iris | Select-Object -First 1 | Get-NetworkPrediction -Network $n | Select-Object Prediction'
            Expect = 'Success'; Message = 'setosa|versicolor|virginica' }
        @{ Id = 'P21'; Area = 'Parameters'; Case = 'an empty -Delimiter'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Path (New-TextFile d.csv "x,y`n1,2") -Target y -Delimiter ""'
            Error = 'CannotConvertArgumentNoMessage'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = 'Delimiter' }
        @{ Id = 'P22'; Area = 'Parameters'; Case = 'a line break as -Delimiter'
            Run = 'Get-NetworkPrediction -Network $IrisNet -Path (New-TextFile d.csv "x,y`n1,2") -Delimiter "`n"'
            Error = 'InvalidDelimiter'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidArgument'; Message = 'delimiter' }
        @{ Id = 'P23'; Area = 'Parameters'; Case = 'a quote as -Delimiter'
            Run = 'Test-NeuralNetwork -Network $IrisNet -Path (New-TextFile d.csv "x,y`n1,2") -Delimiter ''"'''
            Error = 'InvalidDelimiter'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'delimiter' }
        @{ Id = 'P24'; Area = 'Parameters'; Case = 'a chart 10 characters wide'
            Run = 'Show-NetworkTrainingHistory -Network $IrisNet -Width 10'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Show-NetworkTrainingHistory'; Category = 'InvalidData'; Message = 'Width' }
        @{ Id = 'P25'; Area = 'Parameters'; Case = 'a gradient check with a step of 0'
            Run = 'Test-NetworkGradient -Network $MatrixNet -FeatureMatrix $X -TargetMatrix $Y -Epsilon 0'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Test-NetworkGradient'; Category = 'InvalidData'; Message = 'Epsilon' }
        @{ Id = 'P26'; Area = 'Parameters'; Case = 'an experiment with -ThrottleLimit 0'
            Run = 'Invoke-NetworkExperiment -InputObject $Iris -Target species -ParameterGrid @{ HiddenLayers = 2 } -ThrottleLimit 0'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidData'; Message = 'ThrottleLimit' }
        @{ Id = 'P27'; Area = 'Parameters'; Case = 'an experiment with -Folds 1'
            Run = 'Invoke-NetworkExperiment -InputObject $Iris -Target species -ParameterGrid @{ HiddenLayers = 2 } -Folds 1'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidData'; Message = '-Folds must be between 2 and 100; it is 1' }
        @{ Id = 'P28'; Area = 'Parameters'; Case = 'more folds than rows'
            Run = 'Invoke-NetworkExperiment -InputObject $Tutorial -Target y -ParameterGrid @{ HiddenLayers = 2 } -Folds 10 -Epochs 1'
            Error = 'TooFewRows'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidData'; Message = '10 folds need at least 10 rows' }
        @{ Id = 'P29'; Area = 'Parameters'; Case = '-FeatureMatrix together with -Path'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -FeatureMatrix $X -TargetMatrix $Y -Path ./x.csv'
            Error = 'AmbiguousParameterSet'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = 'Parameter set cannot be resolved' }
        @{ Id = 'P30'; Area = 'Parameters'; Case = 'a jagged -FeatureMatrix'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -FeatureMatrix ([double[][]]@((1, 2), (, 3), (4, 5))) -TargetMatrix ([double[][]]@((, 1), (, 2), (, 3)))'
            Error = 'RowWidthMismatch'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidData'; Message = '-FeatureMatrix row 2 has 1 values but row 1 has 2' }
        @{ Id = 'P31'; Area = 'Parameters'; Case = 'fewer target rows than feature rows'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -FeatureMatrix $X -TargetMatrix ([double[][]]@((, 1), (, 2)))'
            Error = 'RowCountMismatch'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = '4 rows but -TargetMatrix has 2' }
        @{ Id = 'P32'; Area = 'Parameters'; Case = 'an empty -FeatureMatrix'
            Run = 'Get-NetworkPrediction -Network $MatrixNet -FeatureMatrix ([double[][]]@())'
            Error = 'ParameterArgumentValidationErrorEmptyArrayNotAllowed'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = 'FeatureMatrix', 'empty array' }
        @{ Id = 'P33'; Area = 'Parameters'; Case = 'NaN in a -FeatureMatrix'
            Run = 'Test-NeuralNetwork -Network $MatrixNet -FeatureMatrix ([double[][]]@((0, 0, 1), (1, [double]::NaN, 1))) -TargetMatrix ([double[][]]@((, 0), (, 1)))'
            Error = 'NonFiniteValue'; Cmdlet = 'Test-NeuralNetwork'; Category = 'InvalidData'; Message = 'row 2, column 2' }
        @{ Id = 'P34'; Area = 'Parameters'; Case = 'a -TargetMatrix wider than the network''s outputs'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -LayerSizes 3, 2, 1) -FeatureMatrix $X -TargetMatrix ([double[][]]@((0, 1), (1, 0), (1, 0), (0, 1)))'
            Error = 'TargetCountMismatch'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = 'has 1 outputs but the targets need 2' }
        @{ Id = 'P35'; Area = 'Parameters'; Case = '-ValidationFeatureMatrix without -ValidationTargetMatrix'
            Run = 'Invoke-NetworkTraining -Network (New-NeuralNetwork -LayerSizes 3, 2, 1) -FeatureMatrix $X -TargetMatrix $Y -ValidationFeatureMatrix $X'
            Error = 'ValidationMatrixIncomplete'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = 'give both or neither' }
        @{ Id = 'P36'; Area = 'Parameters'; Case = 'training from weights of 1e308 diverges with an error, not NaN weights'
            Run = '$n = New-NeuralNetwork -LayerSizes 1, 1 -Activation Identity -NoBias -InitialWeights (, (, [double[]](1e308))); Invoke-NetworkTraining -Network $n -FeatureMatrix (, [double[]](10)) -TargetMatrix (, [double[]](1)) -Epochs 3'
            Error = 'TrainingDiverged'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidResult'; Message = 'diverged' }
        @{ Id = 'P37'; Area = 'Parameters'; Case = '-HiddenLayers of 2147483647 units'
            Run = 'New-NeuralNetwork -HiddenLayers 2147483647'
            Error = 'InvalidLayerSize'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = '2147483647' }
        @{ Id = 'P38'; Area = 'Parameters'; Case = 'hidden layers of 1,000,000 and 40 units (over the cap)'
            Run = 'New-NeuralNetwork -HiddenLayers 1000000, 40'
            Error = 'NetworkTooLarge'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = '42,000,081 parameters \(336,000,648 bytes', 'more than the 33,554,432 parameters' }
        @{ Id = 'P39'; Area = 'Parameters'; Case = 'a -Seed that is no number'
            Run = 'New-NeuralNetwork -Seed abc'
            Error = 'CannotConvertArgumentNoMessage'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'Seed' }
        @{ Id = 'P40'; Area = 'Parameters'; Case = 'an optimizer that does not exist'
            Run = '$Rows | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3) -Target y -Optimizer Adamm'
            Error = 'CannotConvertArgumentNoMessage'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'InvalidArgument'; Message = 'Adamm', 'GradientDescent, Momentum, Adam' }
        @{ Id = 'P41'; Area = 'Parameters'; Case = 'Get-NetworkGradient -L2 -1'
            Run = 'Get-NetworkGradient -Network $MatrixNet -FeatureMatrix $X -TargetMatrix $Y -L2 -1'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Get-NetworkGradient'; Category = 'InvalidData'; Message = '-L2 must be at least 0' }
        @{ Id = 'P42'; Area = 'Parameters'; Case = 'Test-NetworkGradient -Tolerance -1'
            Run = 'Test-NetworkGradient -Network $MatrixNet -FeatureMatrix $X -TargetMatrix $Y -Tolerance -1'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Test-NetworkGradient'; Category = 'InvalidData'; Message = 'Tolerance' }
        @{ Id = 'P43'; Area = 'Parameters'; Case = 'a batch of 2147483647 rows is full-batch training'
            Run = '$n = New-NeuralNetwork -HiddenLayers 3 -Seed 1; $Rows | Invoke-NetworkTraining -Network $n -Target y -BatchSize 2147483647 -Epochs 2 | Select-Object EpochsTrained'
            Expect = 'Success'; Message = '2' }
        @{ Id = 'P44'; Area = 'Parameters'; Case = 'a network without hidden layers'
            Run = '$n = New-NeuralNetwork -HiddenLayers @() -Seed 1; $Iris | Invoke-NetworkTraining -Network $n -Target species -Epochs 2 | Select-Object Layers'
            Expect = 'Success'; Message = '4-3' }
        @{ Id = 'P45'; Area = 'Parameters'; Case = 'a chart 5000 lines high'
            Run = 'Show-NetworkTrainingHistory -Network $IrisNet -Height 5000'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Show-NetworkTrainingHistory'; Category = 'InvalidData'; Message = 'Height' }
        @{ Id = 'P46'; Area = 'Parameters'; Case = 'a history -Format the file cannot have'
            Run = '$IrisNet | Export-NetworkTrainingHistory -Path ./h.svg -Format Png'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Export-NetworkTrainingHistory'; Category = 'InvalidData'; Message = 'Png'; Check = '(Get-FolderContent).Count -eq 0' }
        @{ Id = 'P47'; Area = 'Parameters'; Case = 'an experiment grid of no configurations'
            Run = 'Invoke-NetworkExperiment -InputObject $Iris -Target species -ParameterGrid @{ HiddenLayers = @() }'
            Error = 'InvalidParameterGrid'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidArgument'; Message = 'HiddenLayers' }
        @{ Id = 'P48'; Area = 'Parameters'; Case = 'an experiment -ValidationSplit of 1'
            Run = 'Invoke-NetworkExperiment -InputObject $Iris -Target species -ParameterGrid @{ HiddenLayers = 2 } -ValidationSplit 1'
            Error = 'ParameterArgumentValidationError'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidData'; Message = '-ValidationSplit must be' }

        @{ Id = 'P49'; Area = 'Parameters'; Case = '-LayerSizes 1000000,1000,1 (over the cap) is refused, naming its bytes, before anything is allocated'
            Run = '$before = [GC]::GetTotalAllocatedBytes($false); try { New-NeuralNetwork -LayerSizes 1000000, 1000, 1 } finally { $script:allocated = [GC]::GetTotalAllocatedBytes($false) - $before }'
            Error = 'NetworkTooLarge'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = '1000000-1000-1 would have 1,000,002,001 parameters \(8,000,016,008 bytes'; Check = '$allocated -lt 100MB' }
        @{ Id = 'P50'; Area = 'Parameters'; Case = 'hidden layers of 1,000,000 units each, then training, is refused at creation (no OverflowException)'
            Run = 'New-NeuralNetwork -HiddenLayers 1000000, 1000000'
            Error = 'NetworkTooLarge'; Cmdlet = 'New-NeuralNetwork'; Category = 'InvalidArgument'; Message = 'at least 1,000,004,000,001 parameters \(8,000,032,000,008 bytes' }
        @{ Id = 'P51'; Area = 'Parameters'; Case = '-InitialWeights of 1e308 predicting Infinity is refused'
            Run = '$n = New-NeuralNetwork -LayerSizes 1, 1 -Activation Identity -NoBias -InitialWeights (, (, [double[]](1e308))); [pscustomobject]@{ x = 10 } | Get-NetworkPrediction -Network $n'
            Error = 'PredictionNotFinite'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidResult'; Message = 'Row 1', 'smaller -InitialWeights' }
        @{ Id = 'P52'; Area = 'Parameters'; Case = 'early stopping on 167 rows with -ValidationSplit 0.1 warns that the validation rows are too few'
            Run = '$r = @(Copy-Iris) + @(Copy-Iris 17); $r | Invoke-NetworkTraining -Network (New-NeuralNetwork -HiddenLayers 3 -Seed 1) -Target species -Epochs 3 -ValidationSplit 0.1 -Patience 2 | Out-Null'
            Expect = 'Warning'; Message = 'too few to judge epochs by', 'at least 30 rows' }

        # ---------------------------------------------------------------- Concurrency and remoting
        @{ Id = 'X01'; Area = 'Concurrency and remoting'; Case = 'training a network another thread trains'
            Run = '$busy = New-NeuralNetwork -HiddenLayers 8 -Seed 1; $bg = Start-Background $busy; try { $Iris | Invoke-NetworkTraining -Network $busy -Target species -Epochs 1 } finally { Stop-Background $bg }'
            Error = 'NetworkBusy'; Cmdlet = 'Invoke-NetworkTraining'; Category = 'ResourceBusy'; Message = 'in use by another thread', 'train a copy' }
        @{ Id = 'X02'; Area = 'Concurrency and remoting'; Case = 'predicting with a network another thread trains'
            Run = '$busy = New-NeuralNetwork -HiddenLayers 8 -Seed 1; $bg = Start-Background $busy; try { $Iris | Get-NetworkPrediction -Network $busy } finally { Stop-Background $bg }'
            Error = 'NetworkBusy'; Cmdlet = 'Get-NetworkPrediction'; Category = 'ResourceBusy'; Message = 'Predict after that training' }
        @{ Id = 'X03'; Area = 'Concurrency and remoting'; Case = 'testing a network another thread trains'
            Run = '$busy = New-NeuralNetwork -HiddenLayers 8 -Seed 1; $bg = Start-Background $busy; try { $Iris | Test-NeuralNetwork -Network $busy } finally { Stop-Background $bg }'
            Error = 'NetworkBusy'; Cmdlet = 'Test-NeuralNetwork'; Category = 'ResourceBusy'; Message = 'Test it after that training' }
        @{ Id = 'X04'; Area = 'Concurrency and remoting'; Case = 'copying a network another thread trains'
            Run = '$busy = New-NeuralNetwork -HiddenLayers 8 -Seed 1; $bg = Start-Background $busy; try { $busy | Copy-NeuralNetwork } finally { Stop-Background $bg }'
            Error = 'NetworkBusy'; Cmdlet = 'Copy-NeuralNetwork'; Category = 'ResourceBusy'; Message = 'Copy it before or after that training' }
        @{ Id = 'X05'; Area = 'Concurrency and remoting'; Case = 'the gradient of a network another thread trains'
            Run = '$busy = New-NeuralNetwork -HiddenLayers 8 -Seed 1; $bg = Start-Background $busy; try { Get-NetworkGradient -Network $busy -InputObject ($Iris | Select-Object -First 5) } finally { Stop-Background $bg }'
            Error = 'NetworkBusy'; Cmdlet = 'Get-NetworkGradient'; Category = 'ResourceBusy'; Message = 'in use by another thread' }
        @{ Id = 'X06'; Area = 'Concurrency and remoting'; Case = 'drawing the loss curve of a network another thread trains'
            Run = '$busy = New-NeuralNetwork -HiddenLayers 8 -Seed 1; $bg = Start-Background $busy; try { 1..20 | ForEach-Object { $null = Show-NetworkTrainingHistory -Network $busy -Width 60 -Height 4 } ; Show-NetworkTrainingHistory -Network $busy -Width 60 -Height 4 } finally { Stop-Background $bg }'
            Expect = 'Success'; Message = 'training loss' }
        @{ Id = 'X07'; Area = 'Concurrency and remoting'; Case = 'reading TrainingHistory and Loss while another thread trains'
            Run = '$busy = New-NeuralNetwork -HiddenLayers 8 -Seed 1; $bg = Start-Background $busy; try { foreach ($i in 1..2000) { $null = $busy.TrainingHistory; $null = $busy.Loss; $null = $busy.EpochsTrained } ; "read $($busy.TrainingHistory.Count) epochs" } finally { Stop-Background $bg }'
            Expect = 'Success'; Message = 'read \d+ epochs' }
        @{ Id = 'X08'; Area = 'Concurrency and remoting'; Case = 'reading a file another thread keeps replacing always gives a whole network'
            Run = '$IrisNet | Export-NeuralNetwork -Path ./n.json; $w = [powershell]::Create(); $null = $w.AddScript({ param($m, $n, $p) Import-Module $m; foreach ($i in 1..200) { $n | Export-NeuralNetwork -Path $p } }).AddArgument($ModulePath).AddArgument($RegNet).AddArgument("$PWD/n.json"); $a = $w.BeginInvoke(); try { $targets = foreach ($i in 1..40) { (Import-NeuralNetwork ./n.json).Target } } finally { $w.Stop(); $w.Dispose() }; "all whole: $(@($targets | Where-Object { $_ -notin "species", "petal_width" }).Count -eq 0)"'
            Expect = 'Success'; Message = 'all whole: True'; Seconds = 60 }
        @{ Id = 'X09'; Area = 'Concurrency and remoting'; Case = 'two threads exporting to one file at once both succeed, and the file is whole'
            Run = '$w = [powershell]::Create(); $null = $w.AddScript({ param($m, $n, $p) Import-Module $m; foreach ($i in 1..30) { $n | Export-NeuralNetwork -Path $p } }).AddArgument($ModulePath).AddArgument($RegNet).AddArgument("$PWD/n.json"); $a = $w.BeginInvoke(); foreach ($i in 1..30) { $IrisNet | Export-NeuralNetwork -Path ./n.json }; $w.EndInvoke($a); $failed = $w.HadErrors; $w.Dispose(); "failed: $failed"'
            Expect = 'Success'; Message = 'failed: False'; Check = '(Import-NeuralNetwork ./n.json).Target -in "species", "petal_width" -and (Get-FolderContent).Count -eq 1'; Seconds = 60 }
        @{ Id = 'X10'; Area = 'Concurrency and remoting'; Case = 'Ctrl+C during training leaves a network that trains again'; Expect = 'Stopped'; StopAfter = 1500; Seconds = 15
            Run = '$global:Interrupted = New-NeuralNetwork -HiddenLayers 16 -Seed 1; $Iris | Invoke-NetworkTraining -Network $global:Interrupted -Target species -Epochs 1000000 -BatchSize 1' }
        @{ Id = 'X11'; Area = 'Concurrency and remoting'; Case = 'after that Ctrl+C: the history marks the interrupted epoch and training continues'
            Run = '$n = $global:Interrupted; $before = $n.EpochsTrained; $marked = $n.TrainingHistory[-1].Interrupted; $Iris | Invoke-NetworkTraining -Network $n -Target species -Epochs 2 | Out-Null; "marked: $marked; continued: $($n.EpochsTrained -eq $before + 2)"'
            Expect = 'Success'; Message = 'marked: True; continued: True' }
        @{ Id = 'X12'; Area = 'Concurrency and remoting'; Case = 'Ctrl+C during an experiment stops every run'; Expect = 'Stopped'; StopAfter = 1500; Seconds = 15
            Run = 'Invoke-NetworkExperiment -InputObject $Iris -Target species -Folds 5 -Epochs 100000 -ParameterGrid @{ HiddenLayers = 2, 3, 4, 5 }' }
        @{ Id = 'X13'; Area = 'Concurrency and remoting'; Case = 'after that Ctrl+C an experiment runs again at once'
            Run = 'Invoke-NetworkExperiment -InputObject $Iris -Target species -Folds 2 -Epochs 2 -ParameterGrid @{ HiddenLayers = 2 } | ForEach-Object { "scored: $(-not [double]::IsNaN($_.MeanScore))" }'
            Expect = 'Success'; Message = 'scored: True' }
        @{ Id = 'X14'; Area = 'Concurrency and remoting'; Case = 'a network sent through Start-Job and back is a live network'
            Run = '$job = Start-Job { Import-Module $using:ModulePath; $n = New-NeuralNetwork -HiddenLayers 3 -Seed 1; Import-Csv $using:IrisPath | Invoke-NetworkTraining -Network $n -Target species -Epochs 5 }; $back = Receive-Job $job -Wait -AutoRemoveJob; $Iris | Select-Object -First 1 | Get-NetworkPrediction -Network $back | Select-Object Prediction'
            Expect = 'Success'; Message = 'setosa|versicolor|virginica'; Seconds = 90 }
        @{ Id = 'X15'; Area = 'Concurrency and remoting'; Case = 'an experiment given a session that was already closed'; Needs = 'Root'; Seconds = 90
            Run = '. (Join-Path $DataFolder ../../tests/tools/LoopbackSsh.ps1); $ssh = Start-LoopbackSsh -Folder "$PWD/ssh" -RepoRoot (Resolve-Path "$DataFolder/../..").Path; if ($ssh.Skip) { throw $ssh.Skip }; try { $s = New-LoopbackSession $ssh; Remove-PSSession $s; Invoke-NetworkExperiment -InputObject $Iris -Target species -Folds 2 -Epochs 1 -ParameterGrid @{ HiddenLayers = 2 } -Session $s } finally { Stop-LoopbackSsh $ssh }'
            Expect = 'NonTerminating'; Error = 'ExperimentRunFailed'; Cmdlet = 'Invoke-NetworkExperiment'; Category = 'InvalidResult'; Message = 'session', 'closed', 'New-PSSession' }
        @{ Id = 'X16'; Area = 'Concurrency and remoting'; Case = 'training copies in parallel threads (ForEach-Object -Parallel) gives the results of one at a time'
            Run = '$n = New-NeuralNetwork -HiddenLayers 3 -Seed 1; $one = ($n | Copy-NeuralNetwork | Invoke-NetworkTraining -InputObject $Iris -Target species -Epochs 3).Loss; $many = 1..3 | ForEach-Object -Parallel { Import-Module $using:ModulePath; ($using:n | Copy-NeuralNetwork | Invoke-NetworkTraining -InputObject $using:Iris -Target species -Epochs 3).Loss }; "same: $(@($many | Where-Object { $_ -ne $one }).Count -eq 0)"'
            Expect = 'Success'; Message = 'same: True'; Seconds = 60 }

        @{ Id = 'X17'; Area = 'Concurrency and remoting'; Case = 'four threads copying, testing, serializing and saving one network at once, 100 times each'; Seconds = 60
            Run = '$threads = foreach ($k in 1..4) { $p = [powershell]::Create(); $null = $p.AddScript({ param($m, $n, $r, $file) Import-Module $m; $refused = 0; foreach ($i in 1..100) { try { $null = $n | Copy-NeuralNetwork; $null = $r | Test-NeuralNetwork -Network $n; $null = $n.ModelJson; $n | Export-NeuralNetwork -Path $file } catch { $refused++ } }; $refused }).AddArgument($ModulePath).AddArgument($IrisNet).AddArgument(@($Iris | Select-Object -First 5)).AddArgument("$PWD/n$k.json"); @{ P = $p; A = $p.BeginInvoke() } }; $refused = ($threads | ForEach-Object { $_.P.EndInvoke($_.A); $_.P.Dispose() } | Measure-Object -Sum).Sum; "refused: $refused"'
            Expect = 'Success'; Message = 'refused: 0'; Check = '(Get-FolderContent).Count -eq 4' }

        @{ Id = 'X18'; Area = 'Concurrency and remoting'; Case = 'exporting a network another thread trains'
            Run = '$busy = New-NeuralNetwork -HiddenLayers 8 -Seed 1; $bg = Start-Background $busy; try { $busy | Export-NeuralNetwork -Path ./busy.json } finally { Stop-Background $bg }'
            Error = 'NetworkBusy'; Cmdlet = 'Export-NeuralNetwork'; Category = 'ResourceBusy'; Message = 'in use by another thread', 'Export it after that training'; Check = '(Get-FolderContent).Count -eq 0' }
        @{ Id = 'X19'; Area = 'Concurrency and remoting'; Case = 'exporting the history of a network another thread trains'
            Run = '$busy = New-NeuralNetwork -HiddenLayers 8 -Seed 1; $bg = Start-Background $busy; try { $busy | Export-NetworkTrainingHistory -Path ./busy.csv } finally { Stop-Background $bg }'
            Error = 'NetworkBusy'; Cmdlet = 'Export-NetworkTrainingHistory'; Category = 'ResourceBusy'; Message = 'Export it after that training'; Check = '(Get-FolderContent).Count -eq 0' }
        @{ Id = 'X20'; Area = 'Concurrency and remoting'; Case = 'Export-Clixml of a network another thread trains, read back, says why it cannot be a network'
            Run = '$busy = New-NeuralNetwork -HiddenLayers 8 -Seed 1; $bg = Start-Background $busy; try { $busy | Export-Clixml ./busy.xml } finally { Stop-Background $bg }; $bag = Import-Clixml ./busy.xml; $Iris[0] | Get-NetworkPrediction -Network $bag'
            Error = 'ParameterArgumentTransformationError'; Cmdlet = 'Get-NetworkPrediction'; Category = 'InvalidData'; Message = 'no ModelJson property', 'being trained by another thread' }

        # ---------------------------------------------------------------- Dependency conflicts
        @{ Id = 'D01'; Area = 'Dependency conflicts'; Case = 'MathNet.Numerics 4.15 loaded (Add-Type) before the module: both work'; Seconds = 90; Needs = 'OwnLoadContext'
            Run = 'Invoke-Child (Get-DependencyScript -Before ''Add-Type -Path $env:MATHNET_415'' -After ''"user: " + [MathNet.Numerics.Control]::Describe().Split("`n")[1]'') -seconds 60'
            Expect = 'Success'; Message = 'trained: True', 'user: Version 4\.15' }
        @{ Id = 'D02'; Area = 'Dependency conflicts'; Case = 'MathNet.Numerics 4.15 loaded after Import-Module, before the first training: both work'; Seconds = 90; Needs = 'OwnLoadContext'
            Run = 'Invoke-Child (Get-DependencyScript -AfterImport ''Add-Type -Path $env:MATHNET_415'' -After ''"user: " + [MathNet.Numerics.Control]::Describe().Split("`n")[1]'') -seconds 60'
            Expect = 'Success'; Message = 'trained: True', 'user: Version 4\.15' }
        @{ Id = 'D03'; Area = 'Dependency conflicts'; Case = 'the module used first, then the user''s Add-Type of MathNet.Numerics 4.15 works'; Seconds = 90; Needs = 'OwnLoadContext'
            Run = 'Invoke-Child (Get-DependencyScript -After ''try { Add-Type -Path $env:MATHNET_415; "user: " + [MathNet.Numerics.Control]::Describe().Split("`n")[1] } catch { "user failed: $_" }'') -seconds 60'
            Expect = 'Success'; Message = 'trained: True', 'user: Version 4\.15' }
        @{ Id = 'D04'; Area = 'Dependency conflicts'; Case = 'Import-Module -Force a second time in one session, then training'; Seconds = 90
            Run = 'Invoke-Child (Get-DependencyScript -AfterImport ''Import-Module $env:NEURALNET_MODULE -Force'') -seconds 60'
            Expect = 'Success'; Message = 'trained: True' }
        @{ Id = 'D05'; Area = 'Dependency conflicts'; Case = 'the module imported in two runspaces of one process, both training'
            Run = '$ps = [powershell]::Create(); $null = $ps.AddScript({ param($m, $r) Import-Module $m; $n = New-NeuralNetwork -HiddenLayers 3 -Seed 1; ($r | Invoke-NetworkTraining -Network $n -Target species -Epochs 2).EpochsTrained }).AddArgument($ModulePath).AddArgument($Iris); $other = $ps.Invoke(); $ps.Dispose(); "other: $other"'
            Expect = 'Success'; Message = 'other: 2' }
        @{ Id = 'D06'; Area = 'Dependency conflicts'; Case = 'Windows PowerShell 5.1 with another MathNet.Numerics loaded: an error naming the version and the fix'; Needs = 'WindowsPowerShell'
            Run = 'throw "cannot run here"'; Error = 'DependencyConflict'; Category = 'ResourceUnavailable' }
        @{ Id = 'D07'; Area = 'Dependency conflicts'; Case = 'Google.Protobuf 3.21 loaded (Add-Type) before the module: ONNX export still works'; Seconds = 90; Needs = 'OwnLoadContext'
            Run = 'Invoke-Child (Get-DependencyScript -Before ''Add-Type -Path $env:PROTOBUF_321'' -After ''try { $n | Export-NeuralNetwork -Path ./n.onnx; "exported: True" } catch { "exported: False ($($_.FullyQualifiedErrorId): $($_.Exception.Message))" }'') -seconds 60'
            Expect = 'Success'; Message = 'trained: True', 'exported: True' }
    )
}
