import Schmorl
print("schmorl")
