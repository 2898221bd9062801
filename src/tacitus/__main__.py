from tacitus.cli import main

main()
